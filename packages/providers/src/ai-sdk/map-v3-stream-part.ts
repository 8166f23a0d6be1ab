import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import type { ProviderError, StreamEvent } from "@switchyard/core";
import { mapAiSdkError } from "./map-ai-sdk-error.js";
import { mapV3FinishReason, mapV3Usage } from "./map-v3-result.js";

/**
 * A stateful mapper from v3 stream parts to Switchyard events, one per stream. Tool input
 * streams as `tool-input-start/delta` keyed by id; Switchyard keys by index, so ids get
 * indexes in order of appearance. A provider that sends only the final `tool-call` part
 * gets it as one whole delta. An `error` part ends the stream with the mapped error.
 * @example
 * const map = createV3StreamPartMapper({ provider: "openai", model: "gpt-4o" });
 * map({ type: "text-delta", id: "0", delta: "Hi" }); // [{ type: "text-delta", delta: "Hi" }]
 */
export const createV3StreamPartMapper = (ctx: { readonly provider: string; readonly model: string }, redact: ReadonlyArray<string> = []) => {
  const toolIndex = new Map<string, number>();
  const indexOf = (id: string): number => {
    const known = toolIndex.get(id);
    if (known !== undefined) return known;
    const next = toolIndex.size;
    toolIndex.set(id, next);
    return next;
  };

  return (part: LanguageModelV3StreamPart): ReadonlyArray<StreamEvent> | ProviderError => {
    switch (part.type) {
      case "response-metadata":
        return [{ type: "response-metadata", ...(part.id ? { id: part.id } : {}), ...(part.modelId ? { model: part.modelId } : {}) }];
      case "text-delta":
        return part.delta === "" ? [] : [{ type: "text-delta", delta: part.delta }];
      case "reasoning-delta":
        return part.delta === "" ? [] : [{ type: "reasoning-delta", delta: part.delta }];
      case "tool-input-start":
        if (part.providerExecuted) return [];
        return [{ type: "tool-call-delta", index: indexOf(part.id), id: part.id, name: part.toolName, argumentsDelta: "" }];
      case "tool-input-delta":
        return toolIndex.has(part.id) ? [{ type: "tool-call-delta", index: indexOf(part.id), argumentsDelta: part.delta }] : [];
      case "tool-call":
        // Already streamed as input deltas, or provider-executed: nothing new for the caller.
        if (toolIndex.has(part.toolCallId) || part.providerExecuted) return [];
        return [{ type: "tool-call-delta", index: indexOf(part.toolCallId), id: part.toolCallId, name: part.toolName, argumentsDelta: part.input }];
      case "finish":
        return [
          { type: "usage", usage: mapV3Usage(part.usage) },
          { type: "finish", finishReason: mapV3FinishReason(part.finishReason) },
        ];
      case "error":
        return mapAiSdkError(part.error, ctx, redact);
      default:
        // stream-start, text/reasoning start/end, tool-input-end, sources, files, raw: no Switchyard event.
        return [];
    }
  };
};
