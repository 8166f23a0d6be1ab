import { defineOpenAICompatiblePreset } from "./define-openai-compatible-preset.js";

/**
 * Together AI; key from `TOGETHER_API_KEY`.
 * @example
 * const model = together()("meta-llama/Llama-3.3-70B-Instruct-Turbo");
 */
export const together = defineOpenAICompatiblePreset({ name: "together", baseURL: "https://api.together.xyz/v1", apiKeyEnv: "TOGETHER_API_KEY", keyRequired: true });
