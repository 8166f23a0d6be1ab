import { Unavailable, type FinishReason, type StreamEvent, type Usage } from "@switchyard/core";
import { parseSseJson, type SseMapper } from "../kit/sse-stream.js";
import { GoogleGenerateResponse } from "./google-wire.js";
import { googleToolCallId, mapGoogleFinishReason, mapGoogleUsage, promptBlocked } from "./map-google-response.js";

/**
 * Maps `streamGenerateContent?alt=sse` chunks. Each chunk is a whole
 * `GenerateContentResponse`; Gemini sends a function call complete in one part, so each
 * becomes a single tool-call delta. Usage (cumulative in every chunk) and the finish are
 * emitted once, at the end of the body; a body that ends before any chunk carried a
 * `finishReason` was cut off and is `Unavailable`.
 * @example
 * sseEventStream({ provider: "google", model, open, mapper: () => createGoogleStreamMapper(model) });
 */
export const createGoogleStreamMapper = (model: string): SseMapper => {
  const ctx = { provider: "google", model };
  let finishReason: string | undefined;
  let usage: Usage | undefined;
  let toolCount = 0;
  let sentMetadata = false;
  const responseId = `gemini-${Date.now().toString(36)}`;

  return {
    onMessage: (message) => {
      const json = parseSseJson(message.data, ctx);
      if (json instanceof Unavailable) return json;
      const parsed = GoogleGenerateResponse.safeParse(json);
      if (!parsed.success) return new Unavailable({ message: "google: malformed stream chunk", ...ctx });
      const chunk = parsed.data;
      const blocked = promptBlocked(chunk, model);
      if (blocked) return blocked;
      const events: StreamEvent[] = [];
      if (!sentMetadata) {
        sentMetadata = true;
        events.push({ type: "response-metadata", id: chunk.responseId ?? responseId, ...(chunk.modelVersion ? { model: chunk.modelVersion } : {}) });
      }
      const candidate = chunk.candidates?.[0];
      for (const part of candidate?.content?.parts ?? []) {
        if (part.functionCall) {
          const index = toolCount++;
          events.push({
            type: "tool-call-delta",
            index,
            id: part.functionCall.id ?? googleToolCallId(chunk.responseId ?? responseId, index),
            name: part.functionCall.name,
            argumentsDelta: JSON.stringify(part.functionCall.args ?? {}),
          });
        } else if (typeof part.text === "string" && part.text !== "") {
          events.push({ type: part.thought ? "reasoning-delta" : "text-delta", delta: part.text });
        }
      }
      if (chunk.usageMetadata) usage = mapGoogleUsage(chunk.usageMetadata);
      if (candidate?.finishReason) finishReason = candidate.finishReason;
      return events;
    },
    onEnd: () => {
      if (finishReason === undefined) return new Unavailable({ message: "google: stream ended before a finishReason", ...ctx });
      const finish: FinishReason = mapGoogleFinishReason(finishReason, toolCount > 0);
      return [...(usage ? [{ type: "usage", usage } as const] : []), { type: "finish", finishReason: finish }];
    },
  };
};
