import { capable } from "./capable.js";
import { cheapest } from "./cheapest.js";
import { compose } from "./compose.js";
import { fallbackList } from "./fallback-list.js";
import { fastest } from "./fastest.js";
import { healthy } from "./healthy.js";
import { leastInFlight } from "./least-in-flight.js";
import { ordered } from "./ordered.js";
import { weighted } from "./weighted.js";
import { withinBudget } from "./within-budget.js";

export { ordered } from "./ordered.js";
export type { WeightedOptions } from "./weighted.js";
export type { CapableOptions } from "./capable.js";
export type { CheapestOptions } from "./cheapest.js";
export type { FastestOptions } from "./fastest.js";
export type { BudgetLimit, WithinBudgetOptions } from "./within-budget.js";
export { recordSpend, readSpend, spendKey, spendWindowMs, type SpendPeriod } from "./spend.js";
export { estimatePromptTokens, warmTokenizer } from "./estimate-tokens.js";
export { estimateCostUsd, expectedOutputTokens, DEFAULT_EXPECTED_OUTPUT_TOKENS, type TokenEstimate } from "./estimate-cost.js";
export { requestNeeds, hasCapabilities } from "./request-needs.js";
export { stableHash } from "./stable-hash.js";
export { policyFor } from "./policy-for.js";

/**
 * Pick policies: how a route orders (and filters) its pool for one request. Filters
 * (`capable`, `healthy`, `withinBudget`) and orderers (`weighted`, `cheapest`, `fastest`,
 * `leastInFlight`, `fallbackList`) chain with `compose`.
 * @example
 * const route = { models: ["mini", "large"], pick: policy.compose(policy.healthy(), policy.cheapest()) } as const;
 */
export const policy = { ordered, weighted, capable, cheapest, fastest, leastInFlight, healthy, withinBudget, fallbackList, compose } as const;
