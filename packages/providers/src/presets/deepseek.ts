import { defineOpenAICompatiblePreset } from "./define-openai-compatible-preset.js";

/**
 * DeepSeek; key from `DEEPSEEK_API_KEY`. `reasoning_content` (deepseek-reasoner) streams as reasoning deltas, and its `prompt_cache_hit_tokens` count as cached input.
 * @example
 * const model = deepseek()("deepseek-chat");
 */
export const deepseek = defineOpenAICompatiblePreset({ name: "deepseek", baseURL: "https://api.deepseek.com/v1", apiKeyEnv: "DEEPSEEK_API_KEY", keyRequired: true });
