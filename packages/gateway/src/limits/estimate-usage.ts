import { DEFAULT_EXPECTED_OUTPUT_TOKENS, type ChatRequest, type Pricing } from "@switchyard/core";
import type { UsageEstimate } from "./key-limits.js";

/**
 * A fast, deliberately high estimate of a request's usage for reservations: a token per 3
 * bytes of request body (real tokenizers average ~4 characters a token) plus the output the
 * request allows (`maxTokens`, or core's default expectation), priced at the route's
 * highest list prices. No tokenizer runs on the hot path.
 * @example
 * estimateUsage({ messages, maxTokens: 100 }, 1200, { input: 2.5, output: 10 }); // { tokens: 500, costUsd: 0.002 }
 */
export const estimateUsage = (request: ChatRequest, bodyBytes: number, pricing: Pricing | undefined): UsageEstimate => {
  const input = Math.ceil(bodyBytes / 3);
  const output = request.maxTokens ?? DEFAULT_EXPECTED_OUTPUT_TOKENS;
  return { tokens: input + output, costUsd: pricing === undefined ? 0 : (input * pricing.input + output * pricing.output) / 1_000_000 };
};
