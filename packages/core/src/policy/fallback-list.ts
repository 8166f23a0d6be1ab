import * as Effect from "effect/Effect";
import type { PickPolicy } from "../graph/route-spec.js";
import { inOrderOf } from "./in-order-of.js";

/**
 * A fixed order: the named models in the order given, then (unless `only`) the pool's
 * other models in pool order. Names that are not in the pool are ignored.
 * @example
 * const route: PoolRoute<"a" | "b" | "c"> = { models: ["a", "b", "c"], pick: policy.fallbackList(["c", "a"]) }; // c, a, b
 */
export const fallbackList = <M extends string>(names: ReadonlyArray<M>, options: { readonly only?: boolean } = {}): PickPolicy => ({
  name: `fallbackList(${names.join(",")})`,
  order: (ctx) => {
    const pool = ctx.candidates.map((c) => c.name);
    const listed = inOrderOf(names, ctx.candidates).map((c) => c.name);
    const listedSet = new Set<string>(listed);
    const rest = options.only === true ? [] : pool.filter((p) => !listedSet.has(p));
    return Effect.succeed([...new Set(listed), ...rest]);
  },
});
