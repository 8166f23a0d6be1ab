import { defineOpenAICompatiblePreset } from "./define-openai-compatible-preset.js";

/**
 * Mistral rejects unknown fields with a 422 ("Extra inputs are not permitted") and names
 * the seed `random_seed`; it sends usage in the last chunk without being asked.
 */
const toMistralBody = (body: Record<string, unknown>): Record<string, unknown> => {
  const { stream_options: _streamOptions, seed, user: _user, ...rest } = body;
  if (seed !== undefined) rest.random_seed = seed;
  return rest;
};

/**
 * Mistral La Plateforme; key from `MISTRAL_API_KEY`.
 * @example
 * const model = mistral()("mistral-small-latest");
 */
export const mistral = defineOpenAICompatiblePreset({
  name: "mistral",
  baseURL: "https://api.mistral.ai/v1",
  apiKeyEnv: "MISTRAL_API_KEY",
  keyRequired: true,
  transformBody: toMistralBody,
});
