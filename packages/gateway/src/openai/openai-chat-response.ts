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

/** A string as a JSON literal (quotes and escapes); `null` for a missing one. */
const jsonString = (s: string | null | undefined): string => (s == null ? "null" : JSON.stringify(s));

/**
 * Renders a routed answer as the JSON text of an OpenAI `chat.completion` (reasoning, when
 * the model gave any, as `message.reasoning_content`; `system_fingerprint` when the provider
 * reported one). Written field by field rather than built as an object for `JSON.stringify`:
 * on Node 20 stringifying an object looks up `toJSON` on every nested object, several µs per
 * answer; only the strings and the usage object go through `JSON.stringify` here.
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
    `{"id":${jsonString(openAICompletionId(r.id))},"object":"chat.completion","created":${Number.isFinite(created) ? created : 0},"model":${jsonString(r.model)},` +
    `"choices":[{"index":0,"message":${message},"logprobs":null,"finish_reason":"${mapOpenAIFinishReason(r.finishReason)}"}],` +
    `"usage":${JSON.stringify(toOpenAIUsage(r.usage))}` +
    (typeof fingerprint === "string" ? `,"system_fingerprint":${jsonString(fingerprint)}}` : "}")
  );
};
