import * as Effect from "effect/Effect";
import type { PickPolicy } from "../graph/route-spec.js";
import { readStats } from "./read-stats.js";
import { sortBy } from "./sort-by.js";

/**
 * Orders the pool by requests in flight right now (fewest first; ties keep pool order),
 * which spreads a burst over equivalent deployments.
 * @example
 * const route: PoolRoute<"east" | "west"> = { models: ["east", "west"], pick: policy.leastInFlight() };
 */
export const leastInFlight = (): PickPolicy => ({
  name: "leastInFlight",
  order: (ctx) => {
    const names = ctx.candidates.map((c) => c.name);
    return Effect.map(readStats(ctx.state, names), (stats) => {
      const inFlight = new Map(names.map((name, i) => [name, stats[i]?.inFlight] as const));
      return sortBy(names, (name) => inFlight.get(name), "last");
    });
  },
});
