import { z } from "zod";

/**
 * Zod schemas for what the Messages API sends back, checked at the boundary. Only fields
 * the adapter reads are declared; unknown ones (and unknown block types) are tolerated,
 * as Anthropic's versioning policy asks of clients.
 */
export const AnthropicUsage = z.object({
  input_tokens: z.number().int().nonnegative().nullish(),
  output_tokens: z.number().int().nonnegative().nullish(),
  cache_creation_input_tokens: z.number().int().nonnegative().nullish(),
  cache_read_input_tokens: z.number().int().nonnegative().nullish(),
});
export type AnthropicUsage = z.infer<typeof AnthropicUsage>;

const ContentBlock = z.union([
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("tool_use"), id: z.string(), name: z.string(), input: z.unknown() }),
  z.object({ type: z.literal("thinking"), thinking: z.string() }),
  z.object({ type: z.string() }),
]);

/** A whole (non-streamed) Messages API response. */
export const AnthropicMessageResponse = z.object({
  id: z.string(),
  model: z.string(),
  content: z.array(ContentBlock),
  stop_reason: z.string().nullish(),
  stop_sequence: z.string().nullish(),
  usage: AnthropicUsage,
});
export type AnthropicMessageResponse = z.infer<typeof AnthropicMessageResponse>;

/** The `error` object of an error body or an `error` stream event. */
export const AnthropicErrorObject = z.object({ type: z.string(), message: z.string().optional() });

/** One SSE `data:` payload of a streamed response. */
export const AnthropicStreamPayload = z.discriminatedUnion("type", [
  z.object({ type: z.literal("message_start"), message: z.object({ id: z.string(), model: z.string(), usage: AnthropicUsage }) }),
  z.object({ type: z.literal("content_block_start"), index: z.number().int(), content_block: ContentBlock }),
  z.object({
    type: z.literal("content_block_delta"),
    index: z.number().int(),
    delta: z.union([
      z.object({ type: z.literal("text_delta"), text: z.string() }),
      z.object({ type: z.literal("input_json_delta"), partial_json: z.string() }),
      z.object({ type: z.literal("thinking_delta"), thinking: z.string() }),
      z.object({ type: z.string() }),
    ]),
  }),
  z.object({ type: z.literal("content_block_stop"), index: z.number().int() }),
  z.object({
    type: z.literal("message_delta"),
    delta: z.object({ stop_reason: z.string().nullish() }),
    usage: AnthropicUsage.nullish(),
  }),
  z.object({ type: z.literal("message_stop") }),
  z.object({ type: z.literal("ping") }),
  z.object({ type: z.literal("error"), error: AnthropicErrorObject }),
]);
export type AnthropicStreamPayload = z.infer<typeof AnthropicStreamPayload>;
