import type { PickPolicy } from "../graph/route-spec.js";
import { sortByStat } from "./read-stats.js";

/**
 * Orders the pool by requests in flight right now (fewest first; ties keep pool order),
 * which spreads a burst over equivalent deployments.
 * @example
 * const route: PoolRoute<"east" | "west"> = { models: ["east", "west"], pick: policy.leastInFlight() };
 */
export const leastInFlight = (): PickPolicy => ({
  name: "leastInFlight",
  order: (ctx) => sortByStat(ctx, (s) => s.inFlight, "last"),
});
