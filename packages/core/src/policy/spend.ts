import * as Effect from "effect/Effect";
import type { RouterStateService } from "../state/index.js";

/** A spend period: fixed windows aligned to the Unix epoch (UTC days; a "month" is 30 days). */
export type SpendPeriod = "day" | "month";

/** Window length of each spend period in milliseconds. */
export const spendWindowMs: Readonly<Record<SpendPeriod, number>> = { day: 86_400_000, month: 30 * 86_400_000 };

// Counters hold integer micro-dollars: a Redis INCRBY stays exact, and sub-cent calls add up.
const MICRO = 1_000_000;

/**
 * The state counter that holds a model's spend in one period. One key per period because a
 * counter key has a single window length.
 * @example
 * spendKey("gpt-4o", "day"); // "spend:model:gpt-4o:day"
 */
export const spendKey = (model: string, per: SpendPeriod): string => `spend:model:${model}:${per}`;

/**
 * Records what a call on `model` cost, in USD, into the day and month spend counters that
 * `withinBudget` reads. The engine (or the gateway) calls it after each attempt with the
 * cost computed from the response's usage.
 * @example
 * yield* recordSpend(state, "gpt-4o", 0.0123);
 */
export const recordSpend = (state: RouterStateService, model: string, usd: number): Effect.Effect<void> => {
  if (!Number.isFinite(usd) || usd <= 0) return Effect.void;
  const micro = Math.round(usd * MICRO);
  return Effect.asVoid(
    Effect.all([state.add(spendKey(model, "day"), micro, spendWindowMs.day), state.add(spendKey(model, "month"), micro, spendWindowMs.month)]),
  );
};

/**
 * What `model` has spent so far in the current period, in USD.
 * @example
 * const today = yield* readSpend(state, "gpt-4o", "day");
 */
export const readSpend = (state: RouterStateService, model: string, per: SpendPeriod): Effect.Effect<number> =>
  Effect.map(state.read(spendKey(model, per), spendWindowMs[per]), (micro) => micro / MICRO);
