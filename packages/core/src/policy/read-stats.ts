import * as Effect from "effect/Effect";
import type { ModelStats, RouterStateService } from "../state/index.js";

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
