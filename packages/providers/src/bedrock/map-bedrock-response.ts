import type { ChatResponse, FinishReason, ToolCall, Usage } from "@switchyard/core";
import { assistantAnswer } from "../kit/assistant-answer.js";
import { usageWithCacheParts } from "../kit/usage-with-cache-parts.js";
import type { BedrockConverseResponse, BedrockUsage } from "./bedrock-wire.js";
import { BEDROCK_JSON_TOOL } from "./convert-to-bedrock-request.js";

/**
 * Converse reports cache reads and writes beside `inputTokens`; Switchyard's
 * `inputTokens` is the whole prompt, so they are summed and kept as its parts.
 * @example
 * mapBedrockUsage({ inputTokens: 10, outputTokens: 3, cacheReadInputTokens: 90 }).inputTokens; // 100
 */
export const mapBedrockUsage = (usage: BedrockUsage | null | undefined): Usage =>
  usageWithCacheParts({
    uncachedInput: usage?.inputTokens,
    output: usage?.outputTokens,
    cacheRead: usage?.cacheReadInputTokens,
    cacheWrite: usage?.cacheWriteInputTokens,
  });

/**
 * Maps Converse `stopReason`; a forced JSON tool's `tool_use` is a normal stop.
 * @example
 * mapBedrockStopReason("guardrail_intervened", false); // "content-filter"
 */
export const mapBedrockStopReason = (reason: string | null | undefined, jsonAnswered: boolean): FinishReason => {
  switch (reason) {
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return jsonAnswered ? "stop" : "tool-calls";
    case "guardrail_intervened":
    case "content_filtered":
      return "content-filter";
    default:
      return "other";
  }
};

/**
 * Maps a whole Converse response; with `jsonMode` the forced tool's input is the text.
 * Converse responses carry no id, so the request id header is used.
 * @example
 * const res = mapBedrockResponse(wire, { id: "req-1", model: "amazon.nova-lite-v1:0", jsonMode: false });
 */
export const mapBedrockResponse = (
  wire: BedrockConverseResponse,
  ctx: { readonly id: string; readonly model: string; readonly jsonMode: boolean },
): ChatResponse => {
  let text = "";
  let reasoning = "";
  const toolCalls: ToolCall[] = [];
  let jsonAnswered = false;
  for (const block of wire.output.message.content) {
    if (typeof block.text === "string") text += block.text;
    else if (block.reasoningContent?.reasoningText) reasoning += block.reasoningContent.reasoningText.text;
    else if (block.toolUse) {
      const args = JSON.stringify(block.toolUse.input ?? {});
      if (ctx.jsonMode && block.toolUse.name === BEDROCK_JSON_TOOL) {
        text += args;
        jsonAnswered = true;
      } else toolCalls.push({ id: block.toolUse.toolUseId, name: block.toolUse.name, arguments: args });
    }
  }
  return {
    id: ctx.id,
    model: ctx.model,
    message: assistantAnswer(text, toolCalls, reasoning),
    finishReason: mapBedrockStopReason(wire.stopReason, jsonAnswered && toolCalls.length === 0),
    usage: mapBedrockUsage(wire.usage),
    ...(wire.metrics?.latencyMs != null ? { providerMetadata: { bedrock: { latencyMs: wire.metrics.latencyMs } } } : {}),
  };
};
