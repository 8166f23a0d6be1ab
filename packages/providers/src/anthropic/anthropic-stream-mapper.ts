import { Unavailable, type FinishReason, type ProviderError, type StreamEvent } from "@switchyard/core";
import type { SseMapper } from "../kit/sse-stream.js";
import { parseSseJson } from "../kit/sse-stream.js";
import { createToolBlockTracker } from "../kit/tool-block-tracker.js";
import { AnthropicStreamPayload, type AnthropicUsage } from "./anthropic-wire.js";
import { ANTHROPIC_JSON_TOOL } from "./convert-to-anthropic-request.js";
import { anthropicErrorFromType } from "./map-anthropic-error.js";
import { mapAnthropicStopReason, mapAnthropicUsage } from "./map-anthropic-response.js";

/**
 * Maps the Messages SSE stream (message_start, content_block_start/delta/stop,
 * message_delta, message_stop, ping, error) to Switchyard events. Tool calls are numbered
 * by their order among tool calls, not by Anthropic's content-block index; with
 * `jsonMode` the forced `json` tool's input streams as text. Usage is reported once, at
 * message_stop, merging message_start's input counts with message_delta's final counts.
 * A body that ends before message_stop is `Unavailable`: the answer is incomplete.
 * @example
 * sseEventStream({ provider: "anthropic", model, open, mapper: () => createAnthropicStreamMapper(model, false) });
 */
export const createAnthropicStreamMapper = (model: string, jsonMode: boolean): SseMapper => {
  const ctx = { provider: "anthropic", model };
  let usage: AnthropicUsage = {};
  let stopReason: string | null | undefined;
  let sawStop = false;
  const tools = createToolBlockTracker(jsonMode, ANTHROPIC_JSON_TOOL);

  const onPayload = (payload: AnthropicStreamPayload): ReadonlyArray<StreamEvent> | ProviderError => {
    switch (payload.type) {
      case "message_start":
        usage = { ...payload.message.usage };
        return [{ type: "response-metadata", id: payload.message.id, model: payload.message.model }];
      case "content_block_start": {
        const block = payload.content_block;
        if (block.type === "tool_use" && "id" in block) return tools.start(payload.index, block.id, block.name);
        if (block.type === "text" && "text" in block && block.text !== "") return [{ type: "text-delta", delta: block.text }];
        return [];
      }
      case "content_block_delta": {
        const delta = payload.delta;
        if (delta.type === "text_delta" && "text" in delta) return [{ type: "text-delta", delta: delta.text }];
        if (delta.type === "thinking_delta" && "thinking" in delta) return [{ type: "reasoning-delta", delta: delta.thinking }];
        if (delta.type === "input_json_delta" && "partial_json" in delta) {
          return tools.input(payload.index, delta.partial_json) ?? new Unavailable({ message: `anthropic: input_json_delta for unknown content block ${payload.index}`, ...ctx });
        }
        // signature_delta, citations_delta and future delta types carry nothing we surface.
        return [];
      }
      case "message_delta":
        stopReason = payload.delta.stop_reason ?? stopReason;
        // message_delta usage is cumulative: its non-null fields replace message_start's.
        if (payload.usage) for (const [k, v] of Object.entries(payload.usage)) if (v != null) usage = Object.assign({}, usage, { [k]: v });
        return [];
      case "message_stop": {
        sawStop = true;
        const finishReason: FinishReason = mapAnthropicStopReason(stopReason, tools.jsonAnswered());
        return [
          { type: "usage", usage: mapAnthropicUsage(usage) },
          { type: "finish", finishReason },
        ];
      }
      case "error":
        return (
          anthropicErrorFromType(payload.error.type, payload.error.message ?? payload.error.type, { model }) ??
          new Unavailable({ message: `anthropic: stream error ${payload.error.type}: ${payload.error.message ?? ""}`, ...ctx })
        );
      case "content_block_stop":
      case "ping":
        return [];
    }
  };

  return {
    onMessage: (message) => {
      if (sawStop) return [];
      const json = parseSseJson(message.data, ctx);
      if (json instanceof Unavailable) return json;
      const parsed = AnthropicStreamPayload.safeParse(json);
      // Unknown event types are skipped, as Anthropic's versioning policy asks; known ones must parse.
      if (!parsed.success) {
        const type = typeof json === "object" && json !== null && "type" in json ? String(json.type) : "";
        const known = ["message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop", "ping", "error"];
        return known.includes(type) ? new Unavailable({ message: `anthropic: malformed ${type} event`, ...ctx }) : [];
      }
      return onPayload(parsed.data);
    },
    onEnd: () => (sawStop ? [] : new Unavailable({ message: "anthropic: stream ended before message_stop", ...ctx })),
  };
};
