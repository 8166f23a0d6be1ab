import type { RouterStreamEvent } from "@switchyard/core";
import { sseFrame } from "../http/respond.js";
import { mapOpenAIFinishReason } from "./map-openai-finish-reason.js";
import { openAICompletionId, toOpenAIUsage } from "./openai-chat-response.js";

/**
 * Turns routed stream events into OpenAI `chat.completion.chunk` SSE frames, exactly as
 * OpenAI sends them: a first chunk with the role, content / tool-call deltas, a chunk with
 * `finish_reason`, a usage chunk with empty `choices` when `include_usage` was asked, then
 * `data: [DONE]`. Reasoning travels as `delta.reasoning_content` (the DeepSeek / vLLM
 * convention OpenAI-compatible clients read).
 * @example
 * const enc = createOpenAIChunkEncoder({ model: "main", created: 1, includeUsage: true });
 * for (const frame of enc.encode({ type: "text-delta", delta: "Hi" })) res.write(frame);
 */
export const createOpenAIChunkEncoder = (opts: { readonly model: string; readonly created: number; readonly includeUsage: boolean }) => {
  let providerId: string | undefined;
  let model = opts.model;
  let id = "";
  let usage: ReturnType<typeof toOpenAIUsage> | undefined;
  let finish: ReturnType<typeof mapOpenAIFinishReason> | undefined;
  // Every chunk shares its envelope; it is serialised once, when the stream starts, so a
  // token costs one JSON.stringify of its delta (what `sseFrame(wholeChunk)` would emit).
  let head = "";
  let tail = "";

  const chunk = (deltaJson: string): string => `${head}${deltaJson}${tail}`;

  const ensureStarted = (out: string[]): void => {
    if (head !== "") return;
    id = openAICompletionId(providerId);
    head = `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${opts.created},"model":${JSON.stringify(model)},"choices":[{"index":0,"delta":`;
    tail = `,"logprobs":null,"finish_reason":null}]${opts.includeUsage ? ',"usage":null' : ""}}\n\n`;
    out.push(chunk('{"role":"assistant","content":"","refusal":null}'));
  };

  return {
    /** Frames for one event (possibly none). */
    encode(ev: RouterStreamEvent): string[] {
      const out: string[] = [];
      switch (ev.type) {
        case "response-metadata":
          if (head === "") {
            providerId = ev.id ?? providerId;
            if (ev.model !== undefined) model = ev.model;
          }
          ensureStarted(out);
          break;
        case "text-delta":
          ensureStarted(out);
          if (ev.delta !== "") out.push(chunk(`{"content":${JSON.stringify(ev.delta)}}`));
          break;
        case "reasoning-delta":
          ensureStarted(out);
          if (ev.delta !== "") out.push(chunk(`{"reasoning_content":${JSON.stringify(ev.delta)}}`));
          break;
        case "tool-call-delta": {
          ensureStarted(out);
          const call: Record<string, unknown> = { index: ev.index };
          if (ev.id !== undefined) call["id"] = ev.id;
          if (ev.id !== undefined || ev.name !== undefined) call["type"] = "function";
          const fn: Record<string, string> = { arguments: ev.argumentsDelta };
          if (ev.name !== undefined) fn["name"] = ev.name;
          call["function"] = fn;
          out.push(chunk(JSON.stringify({ tool_calls: [call] })));
          break;
        }
        case "usage":
          usage = toOpenAIUsage(ev.usage);
          break;
        case "finish":
          finish = mapOpenAIFinishReason(ev.finishReason);
          break;
        case "run":
          break;
      }
      return out;
    },
    /** The closing frames: finish chunk, optional usage chunk, `[DONE]`. */
    end(): string[] {
      const out: string[] = [];
      ensureStarted(out);
      out.push(`${head}{}${tail.replace('"finish_reason":null', `"finish_reason":"${finish ?? "stop"}"`)}`);
      if (opts.includeUsage) {
        out.push(sseFrame({ id, object: "chat.completion.chunk", created: opts.created, model, choices: [], usage: usage ?? null }));
      }
      out.push("data: [DONE]\n\n");
      return out;
    },
  };
};
