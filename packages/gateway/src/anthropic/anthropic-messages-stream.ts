import type { RouterStreamEvent, Usage } from "@switchyard/core";
import { sseFrame } from "../http/respond.js";
import { anthropicMessageId, mapAnthropicStopReason, toAnthropicUsage } from "./anthropic-messages-response.js";

type OpenBlock = { readonly kind: "text" } | { readonly kind: "thinking" } | { readonly kind: "tool"; readonly callIndex: number };

/**
 * Turns routed stream events into Anthropic Messages SSE events, in Anthropic's order:
 * `message_start`, then per content block `content_block_start` / `content_block_delta`s /
 * `content_block_stop`, then `message_delta` (stop reason, usage) and `message_stop`.
 * @example
 * const enc = createAnthropicEventEncoder({ model: "main" });
 * for (const frame of enc.encode({ type: "text-delta", delta: "Hi" })) res.write(frame);
 */
export const createAnthropicEventEncoder = (opts: { readonly model: string }) => {
  let id = anthropicMessageId(undefined);
  let model = opts.model;
  let started = false;
  let blockIndex = -1;
  let open: OpenBlock | undefined;
  let usage: Usage | undefined;
  let stopReason: ReturnType<typeof mapAnthropicStopReason> = "end_turn";

  const start = (out: string[]): void => {
    if (started) return;
    started = true;
    out.push(
      sseFrame(
        {
          type: "message_start",
          message: { id, type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 0, output_tokens: 0 } },
        },
        "message_start",
      ),
    );
  };
  const closeBlock = (out: string[]): void => {
    if (open === undefined) return;
    out.push(sseFrame({ type: "content_block_stop", index: blockIndex }, "content_block_stop"));
    open = undefined;
  };
  const openBlock = (out: string[], block: OpenBlock, contentBlock: Record<string, unknown>): void => {
    closeBlock(out);
    blockIndex++;
    open = block;
    out.push(sseFrame({ type: "content_block_start", index: blockIndex, content_block: contentBlock }, "content_block_start"));
  };
  const delta = (d: Record<string, unknown>): string => sseFrame({ type: "content_block_delta", index: blockIndex, delta: d }, "content_block_delta");

  return {
    /** Frames for one event (possibly none). */
    encode(ev: RouterStreamEvent): string[] {
      const out: string[] = [];
      switch (ev.type) {
        case "response-metadata":
          if (!started) {
            if (ev.id !== undefined) id = anthropicMessageId(ev.id);
            if (ev.model !== undefined) model = ev.model;
          }
          start(out);
          break;
        case "text-delta":
          start(out);
          if (open?.kind !== "text") openBlock(out, { kind: "text" }, { type: "text", text: "" });
          if (ev.delta !== "") out.push(delta({ type: "text_delta", text: ev.delta }));
          break;
        case "reasoning-delta":
          start(out);
          if (open?.kind !== "thinking") openBlock(out, { kind: "thinking" }, { type: "thinking", thinking: "", signature: "" });
          out.push(delta({ type: "thinking_delta", thinking: ev.delta }));
          break;
        case "tool-call-delta":
          start(out);
          if (open?.kind !== "tool" || open.callIndex !== ev.index) {
            openBlock(out, { kind: "tool", callIndex: ev.index }, { type: "tool_use", id: ev.id ?? `toolu_${ev.index}`, name: ev.name ?? "", input: {} });
          }
          if (ev.argumentsDelta !== "") out.push(delta({ type: "input_json_delta", partial_json: ev.argumentsDelta }));
          break;
        case "usage":
          usage = ev.usage;
          break;
        case "finish":
          stopReason = mapAnthropicStopReason(ev.finishReason);
          break;
        case "run":
          break;
      }
      return out;
    },
    /** The closing frames: last `content_block_stop`, `message_delta`, `message_stop`. */
    end(): string[] {
      const out: string[] = [];
      start(out);
      closeBlock(out);
      const u = usage === undefined ? { input_tokens: 0, output_tokens: 0 } : toAnthropicUsage(usage);
      out.push(sseFrame({ type: "message_delta", delta: { stop_reason: stopReason, stop_sequence: null }, usage: u }, "message_delta"));
      out.push(sseFrame({ type: "message_stop" }, "message_stop"));
      return out;
    },
  };
};
