/** The provider kit: the HTTP, SSE and error-mapping pieces every adapter is built from. */
export * from "./parse-sse.js";
export * from "./retry-after.js";
export * from "./http.js";
export * from "./map-http-error.js";
export * from "./sse-stream.js";
