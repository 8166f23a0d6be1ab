/**
 * `@switchyard/devtools`: an OTLP/HTTP receiver, an embedded SQLite trace store and the run
 * inspector UI, on one local origin.
 */
export * from "./server/start-devtools.js";
export * from "./store/trace-store.js";
export * from "./api/api-types.js";
export * from "./api/run-filter.js";
export * from "./otlp/ingest-span.js";
export * from "./otlp/decode-trace-request.js";
export { runDevtoolsCli } from "./cli.js";
