import { defineOpenAICompatiblePreset } from "./define-openai-compatible-preset.js";

/**
 * A local vLLM server (`vllm serve`); no key unless it was started with `--api-key` (then `VLLM_API_KEY`).
 * @example
 * const model = vllm()("meta-llama/Llama-3.1-8B-Instruct");
 */
export const vllm = defineOpenAICompatiblePreset({ name: "vllm", baseURL: "http://127.0.0.1:8000/v1", apiKeyEnv: "VLLM_API_KEY", keyRequired: false });
