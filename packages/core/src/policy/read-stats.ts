import * as Effect from "effect/Effect";
import type { PickContext } from "../graph/route-spec.js";
import type { ModelStats, RouterStateService } from "../state/index.js";
import { sortBy } from "./sort-by.js";

/**
 * Each model's stats, in order, read one after the other (a Redis state answers each in
 * one round trip). Policies read stats on every pick; a plain flatMap chain costs a fraction
 * of `Effect.forEach`'s machinery for the two or three models a pool holds.
 * @example
 * const [a, b] = yield* readStats(ctx.state, ["mini", "large"]);
 */
export const readStats = (state: RouterStateService, models: ReadonlyArray<string>): Effect.Effect<ReadonlyArray<ModelStats>> =>
  Effect.suspend(() => {
    const stats: ModelStats[] = [];
    const from = (i: number): Effect.Effect<ReadonlyArray<ModelStats>> => {
      const model = models[i];
      if (model === undefined) return Effect.succeed(stats);
      return Effect.flatMap(state.stats(model), (s) => {
        stats.push(s);
        return from(i + 1);
      });
    };
    return from(0);
  });

/**
 * The candidates' names ordered by one of their stats, ascending and stable; models whose
 * stat is unknown go first or last, as a block that keeps pool order (see {@link sortBy}).
 * @example
 * const order = sortByStat(ctx, (s) => s.inFlight, "last"); // Effect of ["east", "west"]
 */
export const sortByStat = <M extends string>(ctx: PickContext<M>, stat: (s: ModelStats) => number | undefined, unknown: "first" | "last"): Effect.Effect<M[]> => {
  const names = ctx.candidates.map((c) => c.name);
  return Effect.map(readStats(ctx.state, names), (stats) => {
    const byName = new Map(names.map((name, i) => [name, stats[i]] as const));
    return sortBy(
      names,
      (name) => {
        const s = byName.get(name);
        return s === undefined ? undefined : stat(s);
      },
      unknown,
    );
  });
};
