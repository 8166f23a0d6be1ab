import * as Effect from "effect/Effect";
import type { PickPolicy } from "../graph/route-spec.js";

/**
 * The default policy: try the pool's models in the order the route lists them.
 * @example
 * const route: PoolRoute<"a" | "b"> = { models: ["a", "b"], pick: policy.ordered() };
 */
export const ordered = (): PickPolicy => ({
  name: "ordered",
  order: (ctx) => Effect.succeed(ctx.candidates.map((c) => c.name)),
});
