import type { Pricing } from "./model-spec.js";
import type { Usage } from "./usage.js";

/**
 * USD cost of `usage` at `pricing` (per 1M tokens). Cached reads and cache writes are
 * parts of `inputTokens` and are charged at their own price exactly once; reasoning
 * tokens are part of `outputTokens`.
 * @example
 * costOfUsage({ input: 2.5, output: 10, cachedInput: 1.25 }, { inputTokens: 1000, outputTokens: 100, totalTokens: 1100, cachedInputTokens: 400 });
 * // (600·2.5 + 400·1.25 + 100·10) / 1e6 = 0.003
 */
export const costOfUsage = (pricing: Pricing, usage: Usage): number => {
  const cached = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteInputTokens ?? 0;
  const plainInput = Math.max(0, usage.inputTokens - cached - written);
  return (
    (plainInput * pricing.input +
      cached * (pricing.cachedInput ?? pricing.input) +
      written * (pricing.cacheWrite ?? pricing.input) +
      usage.outputTokens * pricing.output) /
    1_000_000
  );
};
