import type { ChatResponse, FinishReason, ToolCall, Usage } from "@switchyard/core";
import { assistantAnswer } from "../kit/assistant-answer.js";
import { usageWithCacheParts } from "../kit/usage-with-cache-parts.js";
import { ANTHROPIC_JSON_TOOL } from "./convert-to-anthropic-request.js";
import type { AnthropicMessageResponse, AnthropicUsage } from "./anthropic-wire.js";

/**
 * Anthropic reports cache reads and writes beside `input_tokens`; Switchyard's
 * `inputTokens` is the whole prompt, so the three are summed and the cache classes kept
 * as parts of it.
 * @example
 * mapAnthropicUsage({ input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 100 });
 * // { inputTokens: 110, outputTokens: 5, totalTokens: 115, cachedInputTokens: 100 }
 */
export const mapAnthropicUsage = (usage: AnthropicUsage): Usage =>
  usageWithCacheParts({
    uncachedInput: usage.input_tokens,
    output: usage.output_tokens,
    cacheRead: usage.cache_read_input_tokens,
    cacheWrite: usage.cache_creation_input_tokens,
  });

/**
 * Maps `stop_reason`. A forced JSON tool's `tool_use` is a normal stop: the caller asked
 * for JSON, not for a tool call.
 * @example
 * mapAnthropicStopReason("max_tokens", false); // "length"
 */
export const mapAnthropicStopReason = (reason: string | null | undefined, jsonMode: boolean): FinishReason => {
  switch (reason) {
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return jsonMode ? "stop" : "tool-calls";
    case "refusal":
      return "content-filter";
    default:
      return "other";
  }
};

/**
 * Maps a whole Messages response. With `jsonMode`, the input of the forced `json` tool is
 * the answer's text and is not reported as a tool call.
 * @example
 * const res = mapAnthropicResponse(wire, false);
 */
export const mapAnthropicResponse = (wire: AnthropicMessageResponse, jsonMode: boolean): ChatResponse => {
  let text = "";
  let reasoning = "";
  const toolCalls: ToolCall[] = [];
  for (const block of wire.content) {
    if (block.type === "text" && "text" in block) text += block.text;
    else if (block.type === "thinking" && "thinking" in block) reasoning += block.thinking;
    else if (block.type === "tool_use" && "id" in block) {
      const args = JSON.stringify(block.input ?? {});
      if (jsonMode && block.name === ANTHROPIC_JSON_TOOL) text += args;
      else toolCalls.push({ id: block.id, name: block.name, arguments: args });
    }
  }
  const jsonAnswered = jsonMode && toolCalls.length === 0 && wire.stop_reason === "tool_use";
  return {
    id: wire.id,
    model: wire.model,
    message: assistantAnswer(text, toolCalls, reasoning),
    finishReason: mapAnthropicStopReason(wire.stop_reason, jsonAnswered),
    usage: mapAnthropicUsage(wire.usage),
    ...(wire.stop_sequence ? { providerMetadata: { anthropic: { stopSequence: wire.stop_sequence } } } : {}),
  };
};
