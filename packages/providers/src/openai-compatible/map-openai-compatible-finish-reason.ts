import type { FinishReason } from "@switchyard/core";

/**
 * Maps a Chat Completions `finish_reason` to Switchyard's. `function_call` is the legacy
 * name of `tool_calls`; `eos` and `end_turn` come from some compatible servers.
 * @example
 * mapOpenAICompatibleFinishReason("tool_calls"); // "tool-calls"
 */
export const mapOpenAICompatibleFinishReason = (reason: string | null | undefined): FinishReason => {
  switch (reason) {
    case "stop":
    case "eos":
    case "end_turn":
      return "stop";
    case "length":
    case "model_length":
      return "length";
    case "tool_calls":
    case "function_call":
      return "tool-calls";
    case "content_filter":
      return "content-filter";
    case "error":
      return "error";
    default:
      return "other";
  }
};
