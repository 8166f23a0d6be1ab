export * from "./language-model.js";
export * from "./define-provider.js";
