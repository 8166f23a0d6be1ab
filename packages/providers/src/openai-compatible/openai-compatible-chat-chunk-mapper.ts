import { compileSafeParse, Unavailable, type FinishReason, type ProviderError, type StreamEvent, type Usage } from "@switchyard/core";
import { mapHttpError, parseSseJson, sseDone, type SseMapper } from "../kit/index.js";
import { OpenAICompatibleChatChunk, OpenAICompatibleErrorPayload } from "./openai-compatible-api-types.js";
import { mapOpenAICompatibleFinishReason } from "./map-openai-compatible-finish-reason.js";
import { mapOpenAICompatibleUsage } from "./map-openai-compatible-usage.js";

// Compiled once: every chunk of every stream is checked in place, without zod building a copy.
const parseChunk = compileSafeParse(OpenAICompatibleChatChunk);

/**
 * An in-stream `{"error": {...}}` chunk (OpenRouter, vLLM and others send these after a
 * 200) becomes the same typed error an HTTP error with that code would.
 */
export const mapInBodyError = (payload: unknown, ctx: { provider: string; model: string }, redact: ReadonlyArray<string>): ProviderError | undefined => {
  if (typeof payload !== "object" || payload === null || !("error" in payload)) return undefined;
  const parsed = OpenAICompatibleErrorPayload.safeParse(payload);
  if (!parsed.success) return undefined;
  const code = parsed.data.error.code;
  const status = typeof code === "number" && code >= 400 && code < 600 ? code : 500;
  return mapHttpError({ status, headers: new Headers(), bodyText: JSON.stringify(payload), ...ctx, redact });
};

/**
 * The SSE mapper for Chat Completions streams: metadata from the first chunk, text,
 * reasoning (`reasoning_content` / `reasoning`) and tool-call deltas as they come, then
 * usage and finish once the stream ends with `[DONE]`. A stream that stops without a
 * finish reason or `[DONE]` was cut: `Unavailable`.
 * @example
 * sseEventStream({ provider, model, open, mapper: () => createOpenAICompatibleChunkMapper({ provider, model }, []) });
 */
export const createOpenAICompatibleChunkMapper = (ctx: { readonly provider: string; readonly model: string }, redact: ReadonlyArray<string>): SseMapper => {
  let started = false;
  let finishReason: FinishReason | undefined;
  let usage: Usage | undefined;
  const ending = (): StreamEvent[] => [
    ...(usage ? [{ type: "usage" as const, usage }] : []),
    { type: "finish" as const, finishReason: finishReason ?? "other" },
  ];
  return {
    onMessage(message) {
      if (message.data === "[DONE]") return sseDone(ending());
      const json = parseSseJson(message.data, ctx);
      if (json instanceof Unavailable) return json;
      const inBody = mapInBodyError(json, ctx, redact);
      if (inBody) return inBody;
      const parsed = parseChunk(json);
      if (!parsed.success) return new Unavailable({ message: `${ctx.provider}: unexpected stream chunk: ${message.data.slice(0, 120)}`, ...ctx });
      const chunk = parsed.data;
      const events: StreamEvent[] = [];
      // Azure opens with a chunk of prompt_filter_results and empty id/model: wait for the real ones.
      if (!started && (chunk.id || chunk.model)) {
        started = true;
        events.push({ type: "response-metadata", ...(chunk.id ? { id: chunk.id } : {}), ...(chunk.model ? { model: chunk.model } : {}) });
      }
      if (chunk.usage) usage = mapOpenAICompatibleUsage(chunk.usage);
      const choice = chunk.choices?.[0];
      const delta = choice?.delta;
      const reasoning = delta?.reasoning_content ?? delta?.reasoning;
      if (reasoning) events.push({ type: "reasoning-delta", delta: reasoning });
      if (delta?.content) events.push({ type: "text-delta", delta: delta.content });
      delta?.tool_calls?.forEach((call, position) => {
        events.push({
          type: "tool-call-delta",
          index: call.index ?? position,
          ...(call.id ? { id: call.id } : {}),
          ...(call.function?.name ? { name: call.function.name } : {}),
          argumentsDelta: call.function?.arguments ?? "",
        });
      });
      if (choice?.finish_reason) finishReason = mapOpenAICompatibleFinishReason(choice.finish_reason);
      return events;
    },
    onEnd() {
      // Some servers (older vLLM, llama.cpp) end after the finish chunk without "[DONE]": that is complete.
      if (finishReason !== undefined) return ending();
      return new Unavailable({ message: `${ctx.provider}: stream ended before the model finished`, ...ctx });
    },
  };
};
