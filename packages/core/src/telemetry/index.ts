export * from "./attribute-names.js";
export * from "./gen-ai-messages.js";
export * from "./otel-observer.js";
export * from "./start-telemetry.js";
