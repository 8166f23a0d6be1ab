import { z } from "zod";

/** Zod schemas for what Converse / ConverseStream send back; unknown fields are tolerated. */
export const BedrockUsage = z.object({
  inputTokens: z.number().int().nonnegative().nullish(),
  outputTokens: z.number().int().nonnegative().nullish(),
  totalTokens: z.number().int().nonnegative().nullish(),
  cacheReadInputTokens: z.number().int().nonnegative().nullish(),
  cacheWriteInputTokens: z.number().int().nonnegative().nullish(),
});
export type BedrockUsage = z.infer<typeof BedrockUsage>;

const ContentBlock = z.object({
  text: z.string().nullish(),
  toolUse: z.object({ toolUseId: z.string(), name: z.string(), input: z.unknown() }).nullish(),
  reasoningContent: z.object({ reasoningText: z.object({ text: z.string() }).nullish() }).nullish(),
});

/** A whole Converse response. */
export const BedrockConverseResponse = z.object({
  output: z.object({ message: z.object({ content: z.array(ContentBlock) }) }),
  stopReason: z.string().nullish(),
  usage: BedrockUsage.nullish(),
  metrics: z.object({ latencyMs: z.number().nullish() }).nullish(),
});
export type BedrockConverseResponse = z.infer<typeof BedrockConverseResponse>;

/** The payloads of ConverseStream events, keyed by the `:event-type` header. */
export const BedrockStreamPayloads = {
  messageStart: z.object({ role: z.string() }),
  contentBlockStart: z.object({
    contentBlockIndex: z.number().int(),
    start: z.object({ toolUse: z.object({ toolUseId: z.string(), name: z.string() }).nullish() }).nullish(),
  }),
  contentBlockDelta: z.object({
    contentBlockIndex: z.number().int(),
    delta: z.object({
      text: z.string().nullish(),
      toolUse: z.object({ input: z.string() }).nullish(),
      reasoningContent: z.object({ text: z.string().nullish() }).nullish(),
    }),
  }),
  contentBlockStop: z.object({ contentBlockIndex: z.number().int() }),
  messageStop: z.object({ stopReason: z.string() }),
  metadata: z.object({ usage: BedrockUsage.nullish() }),
} as const;
