import { z } from "zod";

/** `usage` of a Chat Completions response or final chunk; the detail objects are optional and may be null. */
export const OpenAICompatibleUsage = z.object({
  prompt_tokens: z.number().int().nonnegative().nullish(),
  completion_tokens: z.number().int().nonnegative().nullish(),
  total_tokens: z.number().int().nonnegative().nullish(),
  prompt_tokens_details: z.object({ cached_tokens: z.number().int().nonnegative().nullish() }).nullish(),
  completion_tokens_details: z.object({ reasoning_tokens: z.number().int().nonnegative().nullish() }).nullish(),
  /** DeepSeek reports cache reads here instead of `prompt_tokens_details.cached_tokens`. */
  prompt_cache_hit_tokens: z.number().int().nonnegative().nullish(),
});
export type OpenAICompatibleUsage = z.infer<typeof OpenAICompatibleUsage>;

/** An in-body error (OpenRouter and others send these with 200, or inside a stream). */
export const OpenAICompatibleErrorPayload = z.object({
  error: z.object({ message: z.string().optional(), code: z.union([z.string(), z.number()]).nullish(), type: z.string().nullish() }),
});

/** A non-streaming `chat.completion` response. Unknown fields are ignored. */
export const OpenAICompatibleChatResponse = z.object({
  id: z.string().nullish(),
  model: z.string().nullish(),
  system_fingerprint: z.string().nullish(),
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          reasoning_content: z.string().nullish(),
          reasoning: z.string().nullish(),
          tool_calls: z
            .array(z.object({ id: z.string().nullish(), function: z.object({ name: z.string(), arguments: z.string().nullish() }) }))
            .nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: OpenAICompatibleUsage.nullish(),
});
export type OpenAICompatibleChatResponse = z.infer<typeof OpenAICompatibleChatResponse>;

/** One `chat.completion.chunk` of a stream. */
export const OpenAICompatibleChatChunk = z.object({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z
    .array(
      z.object({
        delta: z
          .object({
            content: z.string().nullish(),
            reasoning_content: z.string().nullish(),
            reasoning: z.string().nullish(),
            tool_calls: z
              .array(
                z.object({
                  index: z.number().int().nonnegative().nullish(),
                  id: z.string().nullish(),
                  function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
                }),
              )
              .nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: OpenAICompatibleUsage.nullish(),
});
export type OpenAICompatibleChatChunk = z.infer<typeof OpenAICompatibleChatChunk>;

/** A `/embeddings` response. */
export const OpenAICompatibleEmbeddingResponse = z.object({
  data: z.array(z.object({ index: z.number().int().nonnegative().optional(), embedding: z.array(z.number()) })),
  model: z.string().nullish(),
  usage: z.object({ prompt_tokens: z.number().int().nonnegative().nullish() }).nullish(),
});
