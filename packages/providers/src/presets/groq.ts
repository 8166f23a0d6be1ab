import { defineOpenAICompatiblePreset } from "./define-openai-compatible-preset.js";

/**
 * Groq (OpenAI-compatible API); key from `GROQ_API_KEY`.
 * @example
 * const model = groq()("llama-3.1-8b-instant");
 */
export const groq = defineOpenAICompatiblePreset({ name: "groq", baseURL: "https://api.groq.com/openai/v1", apiKeyEnv: "GROQ_API_KEY", keyRequired: true });
