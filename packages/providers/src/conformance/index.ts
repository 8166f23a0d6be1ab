/** `@switchyard/providers/conformance`: the shared provider contract suite (needs vitest). */
export * from "./run-conformance-suite.js";
export * from "./loopback-fixture-server.js";
export * from "./read-fixture.js";
