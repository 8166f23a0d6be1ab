import type { ChatResponse, ToolCall } from "@switchyard/core";

/**
 * The `message` of a `ChatResponse` from what an adapter collected out of the upstream's
 * content blocks. A turn that only calls tools has `content: null` (as OpenAI reports
 * it), and empty tool calls / reasoning are left out rather than sent empty.
 * @example
 * assistantAnswer("", [{ id: "c1", name: "f", arguments: "{}" }], "");
 * // { role: "assistant", content: null, toolCalls: [{ id: "c1", name: "f", arguments: "{}" }] }
 */
export const assistantAnswer = (text: string, toolCalls: ToolCall[], reasoning: string): ChatResponse["message"] => ({
  role: "assistant",
  content: text === "" && toolCalls.length > 0 ? null : text,
  ...(toolCalls.length ? { toolCalls } : {}),
  ...(reasoning ? { reasoning } : {}),
});
