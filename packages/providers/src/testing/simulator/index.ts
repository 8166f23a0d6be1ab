export * from "./start-simulator.js";
export * from "./sim-script.js";
export * from "./sim-log.js";
