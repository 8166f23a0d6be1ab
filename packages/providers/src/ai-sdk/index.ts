/** `@switchyard/providers/ai-sdk`: the two-way bridge to Vercel AI SDK language models. */
export { fromAiSdk, type AiSdkLanguageModel, type FromAiSdkOptions } from "./from-ai-sdk.js";
export { toAiSdk } from "./to-ai-sdk.js";
export { mapAiSdkError } from "./map-ai-sdk-error.js";
