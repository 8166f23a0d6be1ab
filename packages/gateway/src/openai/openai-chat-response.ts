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

/**
 * Renders a routed answer as an OpenAI `chat.completion` object (reasoning, when the model
 * gave any, as `message.reasoning_content`).
 * @example
 * const body = toOpenAIChatCompletion(result, Math.floor(Date.now() / 1000));
 */
export const toOpenAIChatCompletion = (r: ChatResponse, created: number) => {
  const toolCalls = r.message.toolCalls;
  return {
    id: openAICompletionId(r.id),
    object: "chat.completion" as const,
    created,
    model: r.model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant" as const,
          content: r.message.content,
          // DeepSeek / vLLM convention for the model's reasoning; absent when there is none.
          ...(r.message.reasoning ? { reasoning_content: r.message.reasoning } : {}),
          refusal: null,
          ...(toolCalls && toolCalls.length > 0
            ? { tool_calls: toolCalls.map((c) => ({ id: c.id, type: "function" as const, function: { name: c.name, arguments: c.arguments } })) }
            : {}),
        },
        logprobs: null,
        finish_reason: mapOpenAIFinishReason(r.finishReason),
      },
    ],
    usage: toOpenAIUsage(r.usage),
    ...(typeof r.providerMetadata?.["systemFingerprint"] === "string" ? { system_fingerprint: r.providerMetadata["systemFingerprint"] } : {}),
  };
};
