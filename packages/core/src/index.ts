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
export * from "./policy/index.js";
export * from "./telemetry/index.js";
export * from "./graph/define-route.js";
export { compileRoute, DEFAULT_POOL, type CompiledRoute, type ResolvedModel } from "./graph/compile-route.js";
export { createRouteMachine, type RouteMachine, type RouteMachineContext, type RouteMachineEvent, type RouteMachineShape } from "./graph/route-machine.js";
export { defaultRetry, resolveRetry, retryDelayMs, type ResolvedRetry } from "./resilience/backoff.js";
export { withRetries } from "./resilience/with-retries.js";
export { hedge, type HedgeResult, type HedgeFailure } from "./resilience/hedge.js";
export { createRouter, type Router, type RouterOptions, type RouteValue, type CallOptions as RouteCallOptions } from "./runtime/create-router.js";
export { validateAnswer, repairRequest, type AnswerVerdict } from "./runtime/validate-answer.js";
export * from "./learned-router/index.js";
export { compileSafeParse } from "./validation/compile-safe-parse.js";
