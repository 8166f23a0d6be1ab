import { randomBytes } from "node:crypto";
import type { ChatResponse, Usage } from "@switchyard/core";
import { mapOpenAIFinishReason } from "./map-openai-finish-reason.js";

/**
 * A `chatcmpl-` id: the provider's own when it already has that shape (so ids line up with
 * upstream logs), a fresh one otherwise.
 * @example
 * openAICompletionId("chatcmpl-abc"); // "chatcmpl-abc"
 */
export const openAICompletionId = (providerId: string | undefined): string =>
  providerId !== undefined && providerId.startsWith("chatcmpl-") ? providerId : `chatcmpl-${randomBytes(12).toString("base64url")}`;

/**
 * OpenAI's `usage` object, with cached and reasoning token details when known.
 * @example
 * toOpenAIUsage({ inputTokens: 10, outputTokens: 2, totalTokens: 12, cachedInputTokens: 4 });
 */
export const toOpenAIUsage = (u: Usage) => ({
  prompt_tokens: u.inputTokens,
  completion_tokens: u.outputTokens,
  total_tokens: u.totalTokens,
  prompt_tokens_details: { cached_tokens: u.cachedInputTokens ?? 0 },
  completion_tokens_details: { reasoning_tokens: u.reasoningTokens ?? 0 },
});

// What JSON.stringify would escape: quotes, backslashes, control characters; and surrogates,
// since a lone one is escaped (any surrogate goes the slow way, paired ones too).
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * A string as a JSON literal, exactly as JSON.stringify writes it; `null` for a missing one.
 * Most strings need no escape and are quoted here: a JSON.stringify call costs ≈1.5k
 * instructions on Node 20 even for a short string.
 */
const jsonString = (s: string | null | undefined): string => (s == null ? "null" : NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);

/** A count as JSON (`null` for a value JSON cannot hold, as JSON.stringify does). */
const jsonNumber = (n: number): string => (Number.isFinite(n) ? String(n) : "null");

const encodeUsage = (u: ReturnType<typeof toOpenAIUsage>): string =>
  `{"prompt_tokens":${jsonNumber(u.prompt_tokens)},"completion_tokens":${jsonNumber(u.completion_tokens)},"total_tokens":${jsonNumber(u.total_tokens)},` +
  `"prompt_tokens_details":{"cached_tokens":${jsonNumber(u.prompt_tokens_details.cached_tokens)}},"completion_tokens_details":{"reasoning_tokens":${jsonNumber(u.completion_tokens_details.reasoning_tokens)}}}`;

/**
 * Renders a routed answer as the JSON text of an OpenAI `chat.completion` (reasoning, when
 * the model gave any, as `message.reasoning_content`; `system_fingerprint` when the provider
 * reported one). Written field by field rather than built as an object for `JSON.stringify`:
 * on Node 20 stringifying an object looks up `toJSON` on every nested object, several µs per
 * answer; here only strings that need escapes go through `JSON.stringify`.
 * @example
 * const text = encodeOpenAIChatCompletion(result, Math.floor(Date.now() / 1000));
 * JSON.parse(text).choices[0].message.content;
 */
export const encodeOpenAIChatCompletion = (r: ChatResponse, created: number): string => {
  const m = r.message;
  let message = `{"role":"assistant","content":${jsonString(m.content)}`;
  // DeepSeek / vLLM convention for the model's reasoning; absent when there is none.
  if (m.reasoning) message += `,"reasoning_content":${jsonString(m.reasoning)}`;
  message += `,"refusal":null`;
  const toolCalls = m.toolCalls;
  if (toolCalls && toolCalls.length > 0) {
    const calls = toolCalls.map((c) => `{"id":${jsonString(c.id)},"type":"function","function":{"name":${jsonString(c.name)},"arguments":${jsonString(c.arguments)}}}`);
    message += `,"tool_calls":[${calls.join(",")}]`;
  }
  message += "}";
  const fingerprint = r.providerMetadata?.["systemFingerprint"];
  return (
    `{"id":${jsonString(openAICompletionId(r.id))},"object":"chat.completion","created":${jsonNumber(created)},"model":${jsonString(r.model)},` +
    `"choices":[{"index":0,"message":${message},"logprobs":null,"finish_reason":"${mapOpenAIFinishReason(r.finishReason)}"}],` +
    `"usage":${encodeUsage(toOpenAIUsage(r.usage))}` +
    (typeof fingerprint === "string" ? `,"system_fingerprint":${jsonString(fingerprint)}}` : "}")
  );
};
