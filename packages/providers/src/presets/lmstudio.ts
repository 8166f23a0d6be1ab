import { defineOpenAICompatiblePreset } from "./define-openai-compatible-preset.js";

/**
 * A local LM Studio server; no key needed.
 * @example
 * const model = lmstudio()("qwen2.5-7b-instruct");
 */
export const lmstudio = defineOpenAICompatiblePreset({ name: "lmstudio", baseURL: "http://127.0.0.1:1234/v1", apiKeyEnv: "LMSTUDIO_API_KEY", keyRequired: false });
