/**
 * `@switchyard/core`: the provider contract (schemas, errors, LanguageModel), the typed
 * route graph compiled to xstate, the Effect runtime, router state and telemetry hooks.
 */
export * from "./schema/index.js";
export * from "./errors/index.js";
export * from "./provider/index.js";
export * from "./state/index.js";
export * from "./graph/route-spec.js";
export * from "./graph/route-graph.js";
export * from "./runtime/run-info.js";
export * from "./runtime/run-observer.js";
