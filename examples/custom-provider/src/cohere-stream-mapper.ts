import { Unavailable, type ProviderError, type StreamEvent } from "@switchyard/core";
import { CohereStreamEvent } from "./cohere-wire.js";
import { mapCohereFinishReason, mapCohereUsage } from "./map-cohere-response.js";
import type { SseMessage } from "@switchyard/providers";

/**
 * Maps Cohere v2 stream events (message-start, content-delta, tool-call-start/delta,
 * message-end) to Switchyard events; one mapper per stream. A stream without message-end
 * was cut off.
 * @example
 * const mapper = createCohereStreamMapper("command-a-03-2025");
 */
export const createCohereStreamMapper = (model: string) => {
  const ctx = { provider: "cohere", model };
  let ended = false;
  return {
    onMessage(message: SseMessage): ReadonlyArray<StreamEvent> | ProviderError {
      let json: unknown;
      try {
        json = JSON.parse(message.data);
      } catch {
        return new Unavailable({ message: "cohere: stream event is not valid JSON", ...ctx });
      }
      const parsed = CohereStreamEvent.safeParse(json);
      if (!parsed.success) return new Unavailable({ message: "cohere: malformed stream event", ...ctx });
      const ev = parsed.data;
      const delta = ev.delta?.message;
      switch (ev.type) {
        case "message-start":
          return [{ type: "response-metadata", ...(ev.id ? { id: ev.id } : {}), model }];
        case "content-delta":
          if (delta?.content?.text) return [{ type: "text-delta", delta: delta.content.text }];
          if (delta?.content?.thinking) return [{ type: "reasoning-delta", delta: delta.content.thinking }];
          return [];
        case "tool-call-start":
          return [
            {
              type: "tool-call-delta",
              index: ev.index ?? 0,
              ...(delta?.tool_calls?.id ? { id: delta.tool_calls.id } : {}),
              ...(delta?.tool_calls?.function.name ? { name: delta.tool_calls.function.name } : {}),
              argumentsDelta: delta?.tool_calls?.function.arguments ?? "",
            },
          ];
        case "tool-call-delta":
          return [{ type: "tool-call-delta", index: ev.index ?? 0, argumentsDelta: delta?.tool_calls?.function.arguments ?? "" }];
        case "message-end":
          if (ev.delta?.error) return new Unavailable({ message: `cohere: ${ev.delta.error}`, ...ctx });
          ended = true;
          return [
            { type: "usage", usage: mapCohereUsage(ev.delta?.usage) },
            { type: "finish", finishReason: mapCohereFinishReason(ev.delta?.finish_reason) },
          ];
        default:
          // content-start/end, tool-plan-delta, tool-call-end, citations: nothing to surface.
          return [];
      }
    },
    onEnd(): ReadonlyArray<StreamEvent> | ProviderError {
      return ended ? [] : new Unavailable({ message: "cohere: stream ended before message-end", ...ctx });
    },
  };
};
