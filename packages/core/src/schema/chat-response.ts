import { z } from "zod";
import { ToolCall } from "./message.js";
import { Usage } from "./usage.js";

/** Why generation stopped. @example const r: FinishReason = "tool-calls"; */
export const FinishReason = z.enum(["stop", "length", "tool-calls", "content-filter", "error", "other"]);
export type FinishReason = z.infer<typeof FinishReason>;

/**
 * One model's complete answer.
 * @example
 * const res: ChatResponse = {
 *   id: "chatcmpl-1", model: "gpt-4o-mini",
 *   message: { role: "assistant", content: "Hi!" },
 *   finishReason: "stop", usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
 * };
 */
export const ChatResponse = z.object({
  id: z.string(),
  /** The model id the provider says answered. */
  model: z.string(),
  message: z.object({
    role: z.literal("assistant"),
    content: z.string().nullable(),
    toolCalls: z.array(ToolCall).optional(),
    reasoning: z.string().optional(),
  }),
  finishReason: FinishReason,
  usage: Usage,
  /** Provider-specific extras (system fingerprint, safety ratings...), passed through. */
  providerMetadata: z.record(z.string(), z.unknown()).optional(),
});
export type ChatResponse = z.infer<typeof ChatResponse>;
