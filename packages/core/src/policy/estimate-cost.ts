import type { ModelSpec } from "../schema/index.js";

/** A request's expected size in tokens. */
export interface TokenEstimate {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/**
 * Expected USD cost of a call from a model's list prices (USD per 1M tokens).
 * @example
 * estimateCostUsd(spec, { inputTokens: 1200, outputTokens: 300 }); // e.g. 0.00036
 */
export const estimateCostUsd = (spec: ModelSpec, tokens: TokenEstimate): number =>
  (tokens.inputTokens * spec.pricing.input + tokens.outputTokens * spec.pricing.output) / 1_000_000;

/** Output tokens assumed when the request sets no `maxTokens`: a typical chat answer. */
export const DEFAULT_EXPECTED_OUTPUT_TOKENS = 512;

/**
 * Output tokens to budget for: the request's `maxTokens` (the worst case the caller
 * allowed) or `fallback` when it sets none.
 * @example
 * expectedOutputTokens({ messages, maxTokens: 100 }); // 100
 */
export const expectedOutputTokens = (request: { readonly maxTokens?: number | undefined }, fallback = DEFAULT_EXPECTED_OUTPUT_TOKENS): number =>
  request.maxTokens ?? fallback;
