import * as Effect from "effect/Effect";
import type { PickContext, PickPolicy } from "../graph/route-spec.js";
import type { ChatRequest } from "../schema/index.js";
import { ConfigError } from "../errors/index.js";
import { unitInterval } from "./stable-hash.js";

/** Options of {@link weighted}; `M` narrows the arm names when given explicitly (see `policyFor`). */
export interface WeightedOptions<M extends string = string> {
  /** Relative weights of the arms; a zero-weight arm is never picked first but stays a fallback. */
  readonly weights: { readonly [K in M]?: number };
  /**
   * Sticky assignment: the request's `user`, or a function of the request. The key is
   * hashed, so one key always lands on the same arm (on every replica). A request without
   * a key gets a random arm.
   */
  readonly stickyBy?: "user" | ((request: ChatRequest) => string | undefined);
  /** Mixed into the hash so two experiments assign users independently. */
  readonly salt?: string;
  /** Source of randomness for requests without a sticky key. Default `Math.random`. */
  readonly random?: () => number;
}

/**
 * A/B split: picks one arm with probability proportional to its weight, the rest of the
 * pool following in pool order as fallbacks. When a filter earlier in a `compose` removed
 * an arm, the remaining arms share its weight. Throws a `ConfigError` at construction for a
 * negative or non-finite weight, or when all weights are zero.
 * @example
 * const pick = policy.weighted({ weights: { "gpt-4o": 90, "claude-sonnet": 10 }, stickyBy: "user" });
 */
export const weighted = <M extends string = string>(options: WeightedOptions<M>): PickPolicy => {
  const arms = Object.entries<number | undefined>(options.weights).flatMap(([name, w]) => (w === undefined ? [] : [{ name, weight: w }]));
  for (const arm of arms) {
    if (!Number.isFinite(arm.weight) || arm.weight < 0) {
      throw new ConfigError({ message: `weighted: weight of "${arm.name}" must be a finite, non-negative number`, path: ["weights", arm.name] });
    }
  }
  if (!arms.some((a) => a.weight > 0)) throw new ConfigError({ message: "weighted: at least one weight must be positive", path: ["weights"] });
  const random = options.random ?? Math.random;
  const stickyKey = (request: ChatRequest): string | undefined =>
    options.stickyBy === undefined ? undefined : options.stickyBy === "user" ? request.user : options.stickyBy(request);

  return {
    name: "weighted",
    order: <N extends string>(ctx: PickContext<N>) =>
      Effect.sync(() => {
        const pool = ctx.candidates.map((c) => c.name);
        const present = arms.flatMap((a) => {
          const name = pool.find((p) => p === a.name);
          return name === undefined || a.weight === 0 ? [] : [{ name, weight: a.weight }];
        });
        const total = present.reduce((s, a) => s + a.weight, 0);
        if (total === 0) return pool;
        const key = stickyKey(ctx.request);
        const u = (key === undefined ? random() : unitInterval(`${options.salt ?? ""}\u0000${key}`)) * total;
        let acc = 0;
        const chosen = present.find((a) => (acc += a.weight) > u)?.name ?? present[present.length - 1]?.name;
        return chosen === undefined ? pool : [chosen, ...pool.filter((p) => p !== chosen)];
      }),
  };
};
