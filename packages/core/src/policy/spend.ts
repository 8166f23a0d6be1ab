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
export const spendKey = (model: string, per: SpendPeriod): string => {
  let keys = spendKeys.get(model);
  if (keys === undefined) {
    if (spendKeys.size >= SPEND_KEYS_KEPT) spendKeys.clear();
    keys = { day: `spend:model:${model}:day`, month: `spend:model:${model}:month` };
    spendKeys.set(model, keys);
  }
  return keys[per];
};

// Built once per model: a fresh key per write or read would be concatenated and hashed
// again on every call. A router's models are a fixed pool; the bound only guards callers
// of the exported helpers that pass names without end.
const SPEND_KEYS_KEPT = 1_024;
const spendKeys = new Map<string, Readonly<Record<SpendPeriod, string>>>();

/**
 * Records what a call on `model` cost, in USD, into the day and month spend counters that
 * `withinBudget` reads. The engine (or the gateway) calls it after each attempt with the
 * cost computed from the response's usage.
 * @example
 * yield* recordSpend(state, "gpt-4o", 0.0123);
 */
export const recordSpend = (state: RouterStateService, model: string, usd: number): Effect.Effect<void> => {
  const micro = toMicro(usd);
  return micro === undefined ? Effect.void : addMicro(state, model, micro);
};

/** A cost in whole micro-dollars, or undefined when there is nothing to record. */
const toMicro = (usd: number): number | undefined => (Number.isFinite(usd) && usd > 0 ? Math.round(usd * MICRO) : undefined);

const addMicro = (state: RouterStateService, model: string, micro: number): Effect.Effect<void> =>
  Effect.asVoid(Effect.andThen(state.add(spendKey(model, "day"), micro, spendWindowMs.day), state.add(spendKey(model, "month"), micro, spendWindowMs.month)));

// Spend not yet written, per state and model, in micro-dollars.
const pending = new WeakMap<RouterStateService, Map<string, number>>();

const flush = (state: RouterStateService): void => {
  const byModel = pending.get(state);
  pending.delete(state);
  if (byModel === undefined) return;
  Effect.runFork(Effect.forEach(byModel, ([model, micro]) => addMicro(state, model, micro), { discard: true }));
};

/**
 * {@link recordSpend} in the background, without waiting: what calls cost within about a
 * millisecond is summed per model (each call rounded to micro-dollars as `recordSpend`
 * does) and written by one background fiber, so a busy router starts one fiber per
 * millisecond instead of one per call, and a Redis state gets one pair of increments per
 * model. State effects cannot fail, so nothing is lost but the last millisecond of a
 * process that exits at once.
 * @example
 * recordSpendSoon(state, "gpt-4o", 0.0123);
 */
export const recordSpendSoon = (state: RouterStateService, model: string, usd: number): void => {
  const micro = toMicro(usd);
  if (micro === undefined) return;
  let byModel = pending.get(state);
  if (byModel === undefined) {
    byModel = new Map();
    pending.set(state, byModel);
    setTimeout(() => flush(state), 0);
  }
  byModel.set(model, (byModel.get(model) ?? 0) + micro);
};

/**
 * What `model` has spent so far in the current period, in USD.
 * @example
 * const today = yield* readSpend(state, "gpt-4o", "day");
 */
export const readSpend = (state: RouterStateService, model: string, per: SpendPeriod): Effect.Effect<number> =>
  Effect.map(state.read(spendKey(model, per), spendWindowMs[per]), (micro) => micro / MICRO);
