import * as Effect from "effect/Effect";
import type { Tiktoken } from "js-tiktoken/lite";
import type { ChatRequest, Message } from "../schema/index.js";

// OpenAI's documented chat overhead: each message costs ~4 tokens of framing, the reply ~3.
const PER_MESSAGE_TOKENS = 4;
const REPLY_PRIMING_TOKENS = 3;
// A high-detail 1024×1024 image in OpenAI's tiling scheme; low detail is a flat 85.
const IMAGE_TOKENS = { low: 85, auto: 765, high: 765 } as const;

let encoder: Promise<Tiktoken> | undefined;

/**
 * Loads the cl100k_base tokenizer once per process. Building it takes about a second of
 * CPU, so a server calls this at start-up instead of paying it on the first request that
 * a cost- or context-aware policy sees. The ranks ship inside `js-tiktoken`: nothing is
 * downloaded.
 * @example
 * await warmTokenizer();
 */
export const warmTokenizer = (): Promise<Tiktoken> => {
  encoder ??= Promise.all([import("js-tiktoken/lite"), import("js-tiktoken/ranks/cl100k_base")]).then(
    ([{ Tiktoken }, ranks]) => new Tiktoken(ranks.default),
  );
  return encoder;
};

const messageText = (m: Message): { readonly text: string; readonly imageTokens: number } => {
  switch (m.role) {
    case "system":
    case "tool":
      return { text: m.content, imageTokens: 0 };
    case "assistant":
      return {
        text: [m.content ?? "", ...(m.toolCalls ?? []).map((c) => `${c.name}${c.arguments}`)].join("\n"),
        imageTokens: 0,
      };
    case "user":
      if (typeof m.content === "string") return { text: m.content, imageTokens: 0 };
      return {
        text: m.content.map((p) => (p.type === "text" ? p.text : "")).join("\n"),
        imageTokens: m.content.reduce((n, p) => n + (p.type === "image" ? IMAGE_TOKENS[p.detail ?? "auto"] : 0), 0),
      };
  }
};

// Per request object (requests are not mutated once routed): `compose(capable(),
// withinBudget(), cheapest())` tokenises once, not three times.
const estimates = new WeakMap<ChatRequest, number>();

/**
 * Estimates a request's prompt tokens with a real BPE tokenizer (cl100k_base): message
 * text, tool-call arguments and tool schemas, plus per-message framing and a fixed cost per
 * image. Other vendors' tokenizers differ by some percent; this is an estimate for routing
 * (cost ordering, context-window fit), not for billing.
 * @example
 * const n = yield* estimatePromptTokens({ messages: [{ role: "user", content: "Hello there" }] });
 */
export const estimatePromptTokens = (request: ChatRequest): Effect.Effect<number> => {
  const known = estimates.get(request);
  if (known !== undefined) return Effect.succeed(known);
  return Effect.promise(() => warmTokenizer()).pipe(
    Effect.map((enc) => {
      let tokens = REPLY_PRIMING_TOKENS;
      for (const m of request.messages) {
        const { text, imageTokens } = messageText(m);
        tokens += PER_MESSAGE_TOKENS + imageTokens + enc.encode(text).length;
      }
      if (request.tools !== undefined && request.tools.length > 0) tokens += enc.encode(JSON.stringify(request.tools)).length;
      if (request.responseFormat?.type === "json_schema") tokens += enc.encode(JSON.stringify(request.responseFormat.schema)).length;
      estimates.set(request, tokens);
      return tokens;
    }),
  );
};
