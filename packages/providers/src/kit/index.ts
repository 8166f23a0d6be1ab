/** The provider kit: the HTTP, SSE and error-mapping pieces every adapter is built from. */
export * from "./parse-sse.js";
export * from "./retry-after.js";
export * from "./http.js";
export * from "./map-http-error.js";
export * from "./sse-stream.js";
export * from "./parse-data-url.js";
export * from "./parse-tool-arguments.js";
export * from "./upstream-error-fields.js";
export * from "./provider-settings.js";
export * from "./decode-wire-response.js";
export * from "./define-http-language-model.js";
export * from "./assistant-answer.js";
export * from "./usage-with-cache-parts.js";
export * from "./tool-block-tracker.js";
