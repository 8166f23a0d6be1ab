import type { PickPolicy } from "../graph/route-spec.js";
import { sortByStat } from "./read-stats.js";

/** Options of {@link fastest}. */
export interface FastestOptions {
  /** Whole-answer latency or time to first token (for streams). Default "latency". */
  readonly by?: "latency" | "ttft";
  /**
   * Where models with no measurements go. "first" (default) explores them, so a new model
   * gets samples and a chance to win; "last" keeps traffic on measured models.
   */
  readonly unknown?: "first" | "last";
}

/**
 * Orders the pool by live EWMA latency (or time to first token), fastest first, from the
 * shared router state: every replica sees the same numbers when the state is in Redis.
 * @example
 * const route: PoolRoute<"a" | "b"> = { models: ["a", "b"], pick: policy.fastest({ by: "ttft" }) };
 */
export const fastest = (options: FastestOptions = {}): PickPolicy => {
  const by = options.by ?? "latency";
  return {
    name: `fastest(${by})`,
    order: (ctx) => sortByStat(ctx, (s) => (by === "ttft" ? s.ewmaTtftMs : s.ewmaLatencyMs), options.unknown ?? "first"),
  };
};
