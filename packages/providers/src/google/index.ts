export * from "./google-provider.js";
export { createGoogleGenerativeModel, type GoogleModelSettings } from "./google-generative-language-model.js";
