/** Test and benchmark helpers: the upstream simulator and the fixture server. Not for production use. */
export * from "./simulator/index.js";
export * from "./fixture-server.js";
