import * as Effect from "effect/Effect";
import { Unavailable, type EmbeddingModel } from "@switchyard/core";
import { requestJson } from "../kit/index.js";
import { OpenAICompatibleEmbeddingResponse } from "./openai-compatible-api-types.js";
import type { OpenAICompatibleConfig } from "./openai-compatible-config.js";

/**
 * An embedding model (`POST {base}/embeddings`). Results come back in input order even if
 * the upstream reorders `data`.
 * @example
 * const r = await Effect.runPromise(createOpenAICompatibleEmbeddingModel(config, "text-embedding-3-small").embed(["hi"]));
 */
export const createOpenAICompatibleEmbeddingModel = (config: OpenAICompatibleConfig, modelId: string): EmbeddingModel => {
  const ctx = { provider: config.provider, model: modelId };
  const url = config.url("/embeddings", modelId);
  return {
    specificationVersion: "switchyard.v1",
    provider: config.provider,
    modelId,
    embed: (input, options) =>
      Effect.flatMap(config.headers(), (headers) =>
          requestJson({
            url,
            headers: Object.assign({}, headers, options?.headers),
            body: {
              model: modelId,
              input,
              encoding_format: "float",
              ...(options?.dimensions !== undefined ? { dimensions: options.dimensions } : {}),
            },
            ...ctx,
            ...(config.fetch ? { fetch: config.fetch } : {}),
            ...(config.classifyError ? { classify: config.classifyError } : {}),
            redact: config.secrets(),
          }),
      ).pipe(
        Effect.flatMap((json) => {
          const parsed = OpenAICompatibleEmbeddingResponse.safeParse(json);
          if (!parsed.success || parsed.data.data.length !== input.length) {
            return Effect.fail(new Unavailable({ message: `${config.provider}: unexpected embeddings response`, ...ctx }));
          }
          const data = [...parsed.data.data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
          return Effect.succeed({
            embeddings: data.map((d) => d.embedding),
            model: parsed.data.model ?? modelId,
            usage: { inputTokens: parsed.data.usage?.prompt_tokens ?? 0 },
          });
        }),
      ),
  };
};
