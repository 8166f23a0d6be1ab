import type { LanguageModelV3FinishReason, LanguageModelV3GenerateResult, LanguageModelV3Usage } from "@ai-sdk/provider";
import type { ChatResponse, FinishReason, ToolCall, Usage } from "@switchyard/core";
import { assistantAnswer } from "../kit/assistant-answer.js";

/**
 * Maps AI SDK v3 usage: `inputTokens.total` already includes cache reads and writes, and
 * `outputTokens.total` includes reasoning, which is exactly Switchyard's accounting.
 * @example
 * mapV3Usage({ inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 5, text: 5, reasoning: undefined } });
 */
export const mapV3Usage = (usage: LanguageModelV3Usage): Usage => {
  const inputTokens = usage.inputTokens.total ?? 0;
  const outputTokens = usage.outputTokens.total ?? 0;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(usage.inputTokens.cacheRead !== undefined ? { cachedInputTokens: usage.inputTokens.cacheRead } : {}),
    ...(usage.inputTokens.cacheWrite !== undefined ? { cacheWriteInputTokens: usage.inputTokens.cacheWrite } : {}),
    ...(usage.outputTokens.reasoning !== undefined ? { reasoningTokens: usage.outputTokens.reasoning } : {}),
  };
};

/** The unified v3 finish reasons are Switchyard's, one for one. @example mapV3FinishReason({ unified: "tool-calls", raw: "tool_calls" }); // "tool-calls" */
export const mapV3FinishReason = (reason: LanguageModelV3FinishReason): FinishReason => reason.unified;

/**
 * Maps a v3 generate result to a Switchyard response (text parts joined, reasoning kept,
 * tool calls with their JSON input text as-is).
 * @example
 * const res = mapV3GenerateResult(result, "gpt-4o-mini");
 */
export const mapV3GenerateResult = (result: LanguageModelV3GenerateResult, modelId: string): ChatResponse => {
  let text = "";
  let reasoning = "";
  const toolCalls: ToolCall[] = [];
  for (const part of result.content) {
    if (part.type === "text") text += part.text;
    else if (part.type === "reasoning") reasoning += part.text;
    else if (part.type === "tool-call" && !part.providerExecuted) toolCalls.push({ id: part.toolCallId, name: part.toolName, arguments: part.input });
  }
  return {
    id: result.response?.id ?? `aisdk-${Date.now().toString(36)}`,
    model: result.response?.modelId ?? modelId,
    message: assistantAnswer(text, toolCalls, reasoning),
    finishReason: mapV3FinishReason(result.finishReason),
    usage: mapV3Usage(result.usage),
    ...(result.providerMetadata ? { providerMetadata: result.providerMetadata } : {}),
  };
};
