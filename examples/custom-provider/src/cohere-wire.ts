import { z } from "zod";

/** Cohere's usage block: `tokens` is what the model processed, `billed_units` what is charged. */
export const CohereUsage = z.object({
  billed_units: z.object({ input_tokens: z.number().nullish(), output_tokens: z.number().nullish() }).nullish(),
  tokens: z.object({ input_tokens: z.number().nullish(), output_tokens: z.number().nullish() }).nullish(),
  cached_tokens: z.number().nullish(),
});

const ToolCall = z.object({ id: z.string(), function: z.object({ name: z.string(), arguments: z.string() }) });

/** A whole `POST /v2/chat` response. */
export const CohereChatResponse = z.object({
  id: z.string(),
  finish_reason: z.string(),
  message: z.object({
    content: z.array(z.object({ type: z.string(), text: z.string().optional(), thinking: z.string().optional() })).nullish(),
    tool_calls: z.array(ToolCall).nullish(),
  }),
  usage: CohereUsage.nullish(),
});
export type CohereChatResponse = z.infer<typeof CohereChatResponse>;

/** One `data:` payload of a streamed `/v2/chat` response. */
export const CohereStreamEvent = z.object({
  type: z.string(),
  id: z.string().optional(),
  index: z.number().optional(),
  delta: z
    .object({
      message: z
        .object({
          // message-start carries `content: []` and `tool_calls: []`: not deltas, so they read as null.
          content: z.object({ text: z.string().optional(), thinking: z.string().optional() }).nullish().catch(null),
          tool_calls: z
            .object({ id: z.string().optional(), function: z.object({ name: z.string().optional(), arguments: z.string().optional() }) })
            .nullish()
            .catch(null),
        })
        .nullish(),
      finish_reason: z.string().nullish(),
      usage: CohereUsage.nullish(),
      error: z.string().nullish(),
    })
    .nullish(),
});
export type CohereStreamEvent = z.infer<typeof CohereStreamEvent>;
