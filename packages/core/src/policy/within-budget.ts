import * as Effect from "effect/Effect";
import type { PickContext, PickPolicy } from "../graph/route-spec.js";
import { ConfigError } from "../errors/index.js";
import { estimateCostUsd, expectedOutputTokens } from "./estimate-cost.js";
import { estimatePromptTokens } from "./estimate-tokens.js";
import { readSpend, type SpendPeriod } from "./spend.js";

/** A spend cap for one model. */
export interface BudgetLimit {
  readonly usd: number;
  readonly per: SpendPeriod;
}

/** Options of {@link withinBudget}; `M` narrows the model names when given explicitly. */
export interface WithinBudgetOptions<M extends string = string> {
  readonly limits: { readonly [K in M]?: BudgetLimit };
  /** Output tokens to assume when the request sets no `maxTokens`. Default 512. */
  readonly expectedOutputTokens?: number;
}

/**
 * A filter: drops a model when its spend this period (from the state counters that
 * {@link recordSpend} fills) plus this request's estimated cost would pass its limit.
 * Models without a limit always pass; a limited model without a `ModelSpec` is dropped only
 * once its recorded spend has reached the limit (its price is unknown). Throws a
 * `ConfigError` at construction for a negative or non-finite limit.
 * @example
 * const pick = policy.withinBudget({ limits: { "gpt-4o": { usd: 50, per: "day" } } });
 */
export const withinBudget = <M extends string = string>(options: WithinBudgetOptions<M>): PickPolicy => {
  const limits = new Map<string, BudgetLimit>();
  for (const [model, limit] of Object.entries<BudgetLimit | undefined>(options.limits)) {
    if (limit === undefined) continue;
    if (!Number.isFinite(limit.usd) || limit.usd < 0) {
      throw new ConfigError({ message: `withinBudget: limit for "${model}" must be a finite, non-negative USD amount`, path: ["limits", model, "usd"] });
    }
    limits.set(model, limit);
  }
  return {
    name: "withinBudget",
    // Plain flatMaps, not Effect.gen: a pick runs on every routed call.
    order: <N extends string>(ctx: PickContext<N>) => {
      const needsEstimate = ctx.candidates.some((c) => c.spec !== undefined && limits.has(c.name));
      const outputTokens = expectedOutputTokens(ctx.request, options.expectedOutputTokens);
      const keep = (inputTokens: number): Effect.Effect<N[]> => {
        const tokens = { inputTokens, outputTokens };
        const kept: N[] = [];
        // Candidates in pool order; spend is read only for those with a limit.
        const from = (i: number): Effect.Effect<N[]> => {
          const c = ctx.candidates[i];
          if (c === undefined) return Effect.succeed(kept);
          const limit = limits.get(c.name);
          if (limit === undefined) {
            kept.push(c.name);
            return from(i + 1);
          }
          return Effect.flatMap(readSpend(ctx.state, c.name, limit.per), (spent) => {
            const next = c.spec === undefined ? 0 : estimateCostUsd(c.spec, tokens);
            const over = c.spec === undefined ? spent >= limit.usd : spent + next > limit.usd;
            if (!over) kept.push(c.name);
            return from(i + 1);
          });
        };
        return from(0);
      };
      return needsEstimate ? Effect.flatMap(estimatePromptTokens(ctx.request), keep) : Effect.suspend(() => keep(0));
    },
  };
};
