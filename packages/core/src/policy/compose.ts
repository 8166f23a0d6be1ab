import * as Effect from "effect/Effect";
import type { PickContext, PickPolicy } from "../graph/route-spec.js";
import { inOrderOf } from "./in-order-of.js";

/**
 * Chains policies: each one sees only the candidates the previous one kept, in the order
 * it gave. Put filters first and orderers after; since every orderer here sorts stably, the
 * last policy decides the order and earlier ones break its ties.
 * @example
 * const pick = policy.compose(policy.healthy(), policy.withinBudget({ limits }), policy.cheapest());
 */
export const compose = (...policies: ReadonlyArray<PickPolicy>): PickPolicy => ({
  name: `compose(${policies.map((p) => p.name).join(", ")})`,
  // Plain flatMaps, not Effect.gen: a pick runs on every routed call.
  order: <M extends string>(ctx: PickContext<M>) => {
    const from = (i: number, current: PickContext<M>): Effect.Effect<ReadonlyArray<M>> => {
      const p = policies[i];
      if (p === undefined || current.candidates.length === 0) return Effect.succeed(current.candidates.map((c) => c.name));
      return Effect.flatMap(p.order(current), (names) => from(i + 1, { ...current, candidates: inOrderOf(names, current.candidates) }));
    };
    return from(0, ctx);
  },
});

