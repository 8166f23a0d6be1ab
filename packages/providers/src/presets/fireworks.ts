import { defineOpenAICompatiblePreset } from "./define-openai-compatible-preset.js";

/**
 * Fireworks AI; key from `FIREWORKS_API_KEY`.
 * @example
 * const model = fireworks()("accounts/fireworks/models/llama-v3p1-8b-instruct");
 */
export const fireworks = defineOpenAICompatiblePreset({ name: "fireworks", baseURL: "https://api.fireworks.ai/inference/v1", apiKeyEnv: "FIREWORKS_API_KEY", keyRequired: true });
