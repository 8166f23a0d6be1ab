import * as Effect from "effect/Effect";
import type { PickPolicy } from "../graph/route-spec.js";
import { capable, type CapableOptions } from "./capable.js";
import { estimateCostUsd, expectedOutputTokens } from "./estimate-cost.js";
import { estimatePromptTokens } from "./estimate-tokens.js";
import { sortBy } from "./sort-by.js";

/** Options of {@link cheapest}. */
export interface CheapestOptions extends CapableOptions {
  /** Output tokens to assume when the request sets no `maxTokens`. Default 512. */
  readonly expectedOutputTokens?: number;
}

/**
 * Keeps the models that can serve the request (see {@link capable}) and orders them by
 * expected cost: estimated prompt tokens × input price + expected output tokens × output
 * price. Ties keep pool order; models without a `ModelSpec` (unknown price) go last.
 * @example
 * const route: PoolRoute<"mini" | "large"> = { models: ["large", "mini"], pick: policy.cheapest({ capabilities: { json: true } }) };
 */
export const cheapest = (options: CheapestOptions = {}): PickPolicy => {
  const filter = capable(options);
  return {
    name: "cheapest",
    order: (ctx) =>
      Effect.flatMap(filter.order(ctx), (kept) =>
        Effect.map(estimatePromptTokens(ctx.request), (inputTokens) => {
          const tokens = { inputTokens, outputTokens: expectedOutputTokens(ctx.request, options.expectedOutputTokens) };
          const costs = new Map(ctx.candidates.map((c) => [c.name, c.spec === undefined ? undefined : estimateCostUsd(c.spec, tokens)] as const));
          return sortBy(kept, (name) => costs.get(name), "last");
        }),
      ),
  };
};
