import {
  AuthFailed,
  BadRequest,
  ContextTooLong,
  Overloaded,
  RateLimited,
  Timeout,
  Unavailable,
  type ChatResponse,
  type FinishReason,
  type ProviderError,
  type Usage,
} from "@switchyard/core";
import { assistantAnswer, parseRetryAfterMs, upstreamErrorFields } from "@switchyard/providers";
import type { z } from "zod";
import type { CohereChatResponse, CohereUsage } from "./cohere-wire.js";

/**
 * Maps Cohere usage, preferring `tokens` (what the model saw) over `billed_units`.
 * @example
 * mapCohereUsage({ tokens: { input_tokens: 70, output_tokens: 9 } }); // { inputTokens: 70, outputTokens: 9, totalTokens: 79 }
 */
export const mapCohereUsage = (usage: z.infer<typeof CohereUsage> | null | undefined): Usage => {
  const inputTokens = usage?.tokens?.input_tokens ?? usage?.billed_units?.input_tokens ?? 0;
  const outputTokens = usage?.tokens?.output_tokens ?? usage?.billed_units?.output_tokens ?? 0;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(usage?.cached_tokens != null ? { cachedInputTokens: usage.cached_tokens } : {}),
  };
};

/** @example mapCohereFinishReason("MAX_TOKENS"); // "length" */
export const mapCohereFinishReason = (reason: string | null | undefined): FinishReason => {
  switch (reason) {
    case "COMPLETE":
    case "STOP_SEQUENCE":
      return "stop";
    case "MAX_TOKENS":
      return "length";
    case "TOOL_CALL":
      return "tool-calls";
    case "ERROR":
    case "TIMEOUT":
      return "error";
    default:
      return "other";
  }
};

/** @example const res = mapCohereResponse(wire, "command-a-03-2025"); */
export const mapCohereResponse = (wire: CohereChatResponse, model: string): ChatResponse => {
  const text = (wire.message.content ?? []).flatMap((c) => (c.type === "text" && c.text ? [c.text] : [])).join("");
  const reasoning = (wire.message.content ?? []).flatMap((c) => (c.type === "thinking" && c.thinking ? [c.thinking] : [])).join("");
  const toolCalls = (wire.message.tool_calls ?? []).map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments }));
  return {
    id: wire.id,
    model,
    message: assistantAnswer(text, toolCalls, reasoning),
    finishReason: mapCohereFinishReason(wire.finish_reason),
    usage: mapCohereUsage(wire.usage),
  };
};

const TOO_LONG = /too many tokens|context length|too long/i;

/**
 * Maps a Cohere error response (`{"message": "..."}`) by status. The message is Cohere's
 * own text, cut short, with `apiKey` masked should the upstream echo it; the wait comes
 * from `Retry-After` (or `retry-after-ms`) through the provider kit.
 * @example
 * mapCohereError(429, new Headers({ "retry-after": "2" }), '{"message":"slow down"}', "command-r", "co-key")._tag; // "RateLimited"
 */
export const mapCohereError = (status: number, headers: Headers, bodyText: string, model: string, apiKey: string): ProviderError => {
  let upstream = bodyText.slice(0, 300);
  try {
    const body: unknown = JSON.parse(bodyText);
    if (typeof body === "object" && body !== null && "message" in body && typeof body.message === "string") upstream = body.message.slice(0, 300);
  } catch {
    // not JSON: keep the raw text
  }
  const wait = parseRetryAfterMs(headers);
  const { base, retry } = upstreamErrorFields("cohere", undefined, upstream.split(apiKey).join("[redacted]"), {
    model,
    status,
    ...(wait !== undefined ? { retryAfterMs: wait } : {}),
  });
  if (status === 429) return new RateLimited({ ...base, ...retry });
  if (status === 401 || status === 403 || status === 402) return new AuthFailed(base);
  if (status === 408 || status === 504) return new Timeout(base);
  if (status === 503 || status === 529) return new Overloaded({ ...base, ...retry });
  if (status >= 500) return new Unavailable(base);
  return TOO_LONG.test(upstream) ? new ContextTooLong(base) : new BadRequest(base);
};
