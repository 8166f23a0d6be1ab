import { defineOpenAICompatiblePreset } from "./define-openai-compatible-preset.js";

/**
 * xAI (Grok); key from `XAI_API_KEY`.
 * @example
 * const model = xai()("grok-3-mini");
 */
export const xai = defineOpenAICompatiblePreset({ name: "xai", baseURL: "https://api.x.ai/v1", apiKeyEnv: "XAI_API_KEY", keyRequired: true });
