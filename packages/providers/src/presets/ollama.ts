import { defineOpenAICompatiblePreset } from "./define-openai-compatible-preset.js";

/**
 * A local Ollama server's OpenAI-compatible endpoint; no key needed.
 * @example
 * const model = ollama()("llama3.2");
 */
export const ollama = defineOpenAICompatiblePreset({ name: "ollama", baseURL: "http://127.0.0.1:11434/v1", apiKeyEnv: "OLLAMA_API_KEY", keyRequired: false });
