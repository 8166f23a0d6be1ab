export * from "./azure-provider.js";
export * from "./azure-content-filter.js";
