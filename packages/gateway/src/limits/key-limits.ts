import * as Effect from "effect/Effect";
import { spendWindowMs, type RouterStateService } from "@switchyard/core";
import type { VirtualKey } from "../auth/virtual-key.js";
import { GatewayError } from "../http/gateway-error.js";

const MINUTE = 60_000;
// Spend counters hold integer micro-dollars, like core's model spend counters.
const MICRO = 1_000_000;
const micro = (usd: number): number => Math.max(0, Math.ceil(usd * MICRO));

/** State counter names of a key's limits. */
export const keyCounter = {
  rpm: (id: string) => `key:${id}:rpm`,
  tpm: (id: string) => `key:${id}:tpm`,
  spend: (id: string, per: "day" | "month") => `spend:key:${id}:${per}`,
} as const;

/** What a request is expected to use, reserved before the call. */
export interface UsageEstimate {
  readonly tokens: number;
  readonly costUsd: number;
}

/** What was reserved for one request; settle it with the actual usage when the call ends. */
export interface Reservation {
  readonly settle: (actual: UsageEstimate) => Promise<void>;
}

const retryAfter = (resetMs: number): number => Math.max(1, Math.ceil(resetMs / 1000));

/**
 * Enforces a key's RPM, TPM and USD budgets against the shared router state, in that order,
 * reserving the estimate atomically (so concurrent requests on any replica cannot pass a
 * limit together). A refusal is a 429 (`rate_limit_exceeded` or `insufficient_quota`) with
 * `retry-after`. Budgets reserve `estimate.costUsd` and settle to the actual cost, so spend
 * can pass a budget only by what in-flight calls cost beyond their estimate (zero when
 * requests set `max_tokens` and prompts are within the estimate).
 * @example
 * const reservation = await reserveKeyLimits(state, key, { tokens: 800, costUsd: 0.002 });
 * // ... call the route ...
 * await reservation.settle({ tokens: 640, costUsd: 0.0015 });
 */
export const reserveKeyLimits = async (state: RouterStateService, key: VirtualKey, estimate: UsageEstimate): Promise<Reservation> => {
  const undo: Array<Effect.Effect<unknown>> = [];
  const rollback = () => Effect.runPromise(Effect.all(undo, { discard: true }));
  if (key.rpm !== undefined) {
    const r = await Effect.runPromise(state.consume(keyCounter.rpm(key.id), 1, MINUTE, key.rpm));
    if (!r.allowed) {
      throw new GatewayError(429, "rate_limit_error", "rate_limit_exceeded", `Rate limit reached for key "${key.name}": ${key.rpm} requests per minute. Try again in ${retryAfter(r.resetMs)} s.`, null, retryAfter(r.resetMs));
    }
  }
  const tokens = Math.max(0, Math.round(estimate.tokens));
  if (key.tpm !== undefined) {
    const r = await Effect.runPromise(state.consume(keyCounter.tpm(key.id), tokens, MINUTE, key.tpm));
    if (!r.allowed) {
      throw new GatewayError(429, "rate_limit_error", "rate_limit_exceeded", `Token rate limit reached for key "${key.name}": ${key.tpm} tokens per minute (used ${r.total}, this request needs about ${tokens}). Try again in ${retryAfter(r.resetMs)} s.`, null, retryAfter(r.resetMs));
    }
    undo.push(state.add(keyCounter.tpm(key.id), -tokens, MINUTE));
  }
  const cost = micro(estimate.costUsd);
  const periods = (["day", "month"] as const).flatMap((per) => {
    const usd = per === "day" ? key.budget?.dailyUsd : key.budget?.monthlyUsd;
    return usd === undefined ? [] : [{ per, usd }];
  });
  for (const { per, usd } of periods) {
    const counter = keyCounter.spend(key.id, per);
    // `total + cost > limit` refuses; a zero-cost estimate still stops a key already at its budget.
    const r = await Effect.runPromise(state.consume(counter, cost, spendWindowMs[per], Math.max(0, micro(usd) - (cost === 0 ? 1 : 0))));
    if (!r.allowed) {
      await rollback();
      const spent = (r.total / MICRO).toFixed(4);
      throw new GatewayError(429, "insufficient_quota", "insufficient_quota", `Budget exceeded for key "${key.name}": spent $${spent} of its ${per === "day" ? "daily" : "monthly"} budget of $${usd.toFixed(2)}.`, null, retryAfter(r.resetMs));
    }
    undo.push(state.add(counter, -cost, spendWindowMs[per]));
  }
  return {
    settle: async (actual) => {
      const fixes: Array<Effect.Effect<unknown>> = [];
      if (key.tpm !== undefined) fixes.push(state.add(keyCounter.tpm(key.id), Math.round(actual.tokens) - tokens, MINUTE));
      for (const { per } of periods) fixes.push(state.add(keyCounter.spend(key.id, per), micro(actual.costUsd) - cost, spendWindowMs[per]));
      await Effect.runPromise(Effect.all(fixes, { discard: true }));
    },
  };
};

/**
 * A key's usage in the current windows, for the admin API.
 * @example
 * const usage = await readKeyUsage(state, key.id);
 */
export const readKeyUsage = async (state: RouterStateService, id: string) => {
  const [rpm, tpm, day, month] = await Effect.runPromise(
    Effect.all([
      state.read(keyCounter.rpm(id), MINUTE),
      state.read(keyCounter.tpm(id), MINUTE),
      state.read(keyCounter.spend(id, "day"), spendWindowMs.day),
      state.read(keyCounter.spend(id, "month"), spendWindowMs.month),
    ]),
  );
  return { requestsThisMinute: rpm, tokensThisMinute: tpm, spendTodayUsd: day / MICRO, spendThisMonthUsd: month / MICRO };
};
