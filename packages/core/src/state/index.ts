export * from "./router-state.js";
export * from "./latency-p95.js";
