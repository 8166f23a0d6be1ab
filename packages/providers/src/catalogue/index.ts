export * from "./catalogue-entries.js";
export * from "./model-spec-lookup.js";
export * from "./cost-of.js";
