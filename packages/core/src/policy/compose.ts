import * as Effect from "effect/Effect";
import type { PickContext, PickPolicy } from "../graph/route-spec.js";

/**
 * Chains policies: each one sees only the candidates the previous one kept, in the order
 * it gave. Put filters first and orderers after; since every orderer here sorts stably, the
 * last policy decides the order and earlier ones break its ties.
 * @example
 * const pick = policy.compose(policy.healthy(), policy.withinBudget({ limits }), policy.cheapest());
 */
export const compose = (...policies: ReadonlyArray<PickPolicy>): PickPolicy => ({
  name: `compose(${policies.map((p) => p.name).join(", ")})`,
  order: <M extends string>(ctx: PickContext<M>) =>
    Effect.gen(function* () {
      let current: PickContext<M> = ctx;
      for (const p of policies) {
        if (current.candidates.length === 0) break;
        const names = yield* p.order(current);
        const byName = new Map(current.candidates.map((c) => [c.name, c] as const));
        current = Object.assign({}, current, { candidates: names.flatMap((n) => byName.get(n) ?? []) });
      }
      return current.candidates.map((c) => c.name);
    }),
});
