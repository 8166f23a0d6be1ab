/** `@switchyard/providers/conformance`: the shared provider contract suite (needs vitest). */
export * from "./run-conformance-suite.js";
export * from "./split-sse-events.js";
export * from "./read-fixture.js";
export { startFixtureServer, type FixtureRoute, type FixtureServer, type RecordedRequest } from "../testing/fixture-server.js";
