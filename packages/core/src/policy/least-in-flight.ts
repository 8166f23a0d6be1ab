import * as Effect from "effect/Effect";
import type { PickPolicy } from "../graph/route-spec.js";
import { sortBy } from "./sort-by.js";

/**
 * Orders the pool by requests in flight right now (fewest first; ties keep pool order),
 * which spreads a burst over equivalent deployments.
 * @example
 * const route: PoolRoute<"east" | "west"> = { models: ["east", "west"], pick: policy.leastInFlight() };
 */
export const leastInFlight = (): PickPolicy => ({
  name: "leastInFlight",
  order: (ctx) =>
    Effect.gen(function* () {
      const stats = yield* Effect.forEach(ctx.candidates, (c) => ctx.state.stats(c.name));
      const inFlight = new Map(ctx.candidates.map((c, i) => [c.name, stats[i]?.inFlight] as const));
      return sortBy(
        ctx.candidates.map((c) => c.name),
        (name) => inFlight.get(name),
        "last",
      );
    }),
});
