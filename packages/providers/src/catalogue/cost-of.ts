import type { ModelSpec, Usage } from "@switchyard/core";

const perMillion = 1_000_000;

/**
 * The USD cost of one call. Every token is priced exactly once: cache reads at
 * `cachedInput`, cache writes at `cacheWrite` and the rest of `inputTokens` at `input`
 * (cache classes are parts of `inputTokens`); reasoning tokens are part of `outputTokens`
 * and so are priced at `output` once. A missing cache price falls back to `input`.
 * @example
 * costOf(modelSpec("openai/gpt-4o-mini"), { inputTokens: 1_000_000, outputTokens: 0, totalTokens: 1_000_000 }); // 0.15
 */
export const costOf = (spec: Pick<ModelSpec, "pricing">, usage: Usage): number => {
  const { pricing } = spec;
  const cached = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteInputTokens ?? 0;
  // Clamp: a provider that reports cache classes outside inputTokens must not yield a negative bill.
  const fresh = Math.max(0, usage.inputTokens - cached - written);
  const micros =
    fresh * pricing.input +
    cached * (pricing.cachedInput ?? pricing.input) +
    written * (pricing.cacheWrite ?? pricing.input) +
    usage.outputTokens * pricing.output;
  return micros / perMillion;
};
