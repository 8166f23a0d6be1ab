export * from "./message.js";
export * from "./chat-request.js";
export * from "./chat-response.js";
export * from "./stream-event.js";
export * from "./usage.js";
export * from "./model-spec.js";
export * from "./cost.js";
