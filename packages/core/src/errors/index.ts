export * from "./switchyard-errors.js";
export * from "./classify-error.js";
