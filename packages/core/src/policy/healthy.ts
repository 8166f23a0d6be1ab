import * as Effect from "effect/Effect";
import type { PickContext, PickPolicy } from "../graph/route-spec.js";
import { ordered } from "./ordered.js";
import { readStats } from "./read-stats.js";

/**
 * Health-aware order over an inner policy (default: pool order), read from the shared
 * circuit breakers in the router state:
 * - closed models keep the inner order;
 * - a half-open model (its cool-down is over) is probed: the first one in inner order
 *   that wins `state.admit` — the single probe slot across replicas — goes FIRST, so the
 *   probe really happens on this request and the model rejoins or cools down again
 *   (the engine's recorded outcome decides). `admit` is called for at most that one model,
 *   because it claims the slot; closed models need no `admit` (it always says yes to them);
 * - open models, and half-open ones another request is probing, are dropped — unless
 *   nothing else is left, in which case they are kept, in inner order, as the last resort.
 * @example
 * const route: PoolRoute<"a" | "b"> = { models: ["a", "b"], pick: policy.healthy(policy.fastest()) };
 */
export const healthy = (inner: PickPolicy = ordered()): PickPolicy => ({
  name: `healthy(${inner.name})`,
  order: <M extends string>(ctx: PickContext<M>) =>
    Effect.flatMap(inner.order(ctx), (names) =>
      Effect.flatMap(readStats(ctx.state, names), (stats) => {
        const circuits = stats.map((s) => s.circuit);
        const closed = names.filter((_, i) => circuits[i] === "closed");
        const cooling = names.filter((_, i) => circuits[i] !== "closed");
        // The usual case, all circuits closed or open: no probe to claim, no generator to run.
        if (!circuits.includes("half-open")) return Effect.succeed(closed.length > 0 ? closed : cooling);
        return Effect.gen(function* () {
          for (const [i, n] of names.entries()) {
            if (circuits[i] === "half-open" && (yield* ctx.state.admit(n))) return [n, ...closed];
          }
          return closed.length > 0 ? closed : cooling;
        });
      }),
    ),
});
