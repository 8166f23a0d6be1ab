import { randomBytes } from "node:crypto";
import type { ChatResponse, FinishReason, Usage } from "@switchyard/core";

/**
 * Maps Switchyard's finish reason to Anthropic's `stop_reason`.
 * @example
 * mapAnthropicStopReason("tool-calls"); // "tool_use"
 */
export const mapAnthropicStopReason = (r: FinishReason): "end_turn" | "max_tokens" | "tool_use" | "refusal" => {
  switch (r) {
    case "length":
      return "max_tokens";
    case "tool-calls":
      return "tool_use";
    case "content-filter":
      return "refusal";
    default:
      return "end_turn";
  }
};

/**
 * A `msg_` id: the provider's own when it has that shape, a fresh one otherwise.
 * @example
 * anthropicMessageId(undefined).startsWith("msg_"); // true
 */
export const anthropicMessageId = (providerId: string | undefined): string =>
  providerId !== undefined && providerId.startsWith("msg_") ? providerId : `msg_${randomBytes(12).toString("base64url")}`;

/**
 * Anthropic's usage: its `input_tokens` excludes cache reads and writes, which Switchyard
 * counts inside `inputTokens`.
 * @example
 * toAnthropicUsage({ inputTokens: 10, outputTokens: 2, totalTokens: 12, cachedInputTokens: 4 }).input_tokens; // 6
 */
export const toAnthropicUsage = (u: Usage) => ({
  input_tokens: Math.max(0, u.inputTokens - (u.cachedInputTokens ?? 0) - (u.cacheWriteInputTokens ?? 0)),
  output_tokens: u.outputTokens,
  cache_read_input_tokens: u.cachedInputTokens ?? 0,
  cache_creation_input_tokens: u.cacheWriteInputTokens ?? 0,
});

const parseInput = (args: string): unknown => {
  try {
    return args.trim() === "" ? {} : JSON.parse(args);
  } catch {
    // Anthropic's tool input is an object; a model that wrote broken JSON is passed through as text.
    return { _raw: args };
  }
};

/**
 * Renders a routed answer as an Anthropic `message` object.
 * @example
 * const body = toAnthropicMessage(result);
 */
export const toAnthropicMessage = (r: ChatResponse) => {
  const content: Array<Record<string, unknown>> = [];
  if (r.message.reasoning) content.push({ type: "thinking", thinking: r.message.reasoning, signature: "" });
  if (r.message.content) content.push({ type: "text", text: r.message.content });
  for (const c of r.message.toolCalls ?? []) content.push({ type: "tool_use", id: c.id, name: c.name, input: parseInput(c.arguments) });
  return {
    id: anthropicMessageId(r.id),
    type: "message" as const,
    role: "assistant" as const,
    model: r.model,
    content,
    stop_reason: mapAnthropicStopReason(r.finishReason),
    stop_sequence: null,
    usage: toAnthropicUsage(r.usage),
  };
};
