import type { FinishReason } from "@switchyard/core";

/**
 * Maps Switchyard's finish reason to OpenAI's `finish_reason`.
 * @example
 * mapOpenAIFinishReason("tool-calls"); // "tool_calls"
 */
export const mapOpenAIFinishReason = (r: FinishReason): "stop" | "length" | "tool_calls" | "content_filter" => {
  switch (r) {
    case "length":
      return "length";
    case "tool-calls":
      return "tool_calls";
    case "content-filter":
      return "content_filter";
    default:
      return "stop";
  }
};
