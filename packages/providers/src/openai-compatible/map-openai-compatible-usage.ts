import type { Usage } from "@switchyard/core";
import type { OpenAICompatibleUsage } from "./openai-compatible-api-types.js";

/**
 * Maps Chat Completions usage; cached and reasoning tokens are kept as parts of input and
 * output (as OpenAI reports them), so cost is never counted twice.
 * @example
 * mapOpenAICompatibleUsage({ prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 4 } });
 * // { inputTokens: 10, outputTokens: 5, totalTokens: 15, cachedInputTokens: 4 }
 */
export const mapOpenAICompatibleUsage = (usage: OpenAICompatibleUsage | null | undefined): Usage => {
  const input = usage?.prompt_tokens ?? 0;
  const output = usage?.completion_tokens ?? 0;
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? usage?.prompt_cache_hit_tokens;
  const reasoning = usage?.completion_tokens_details?.reasoning_tokens;
  return {
    inputTokens: input,
    outputTokens: output,
    totalTokens: usage?.total_tokens ?? input + output,
    ...(cached != null ? { cachedInputTokens: cached } : {}),
    ...(reasoning != null ? { reasoningTokens: reasoning } : {}),
  };
};
