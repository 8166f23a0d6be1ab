import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors/index.js";
import { makeMemoryRouterState } from "../state/index.js";
import { readSpend, recordSpend } from "./spend.js";
import { withinBudget } from "./within-budget.js";
import { hello, pickContext, specOf } from "./__fixtures__/pick-context.js";

// $10 / $30 per 1M tokens: a 1000-token answer costs about $0.03.
const pool = { gpt: specOf("gpt", { pricing: { input: 10, output: 30 } }), mini: specOf("mini", { pricing: { input: 0.1, output: 0.4 } }), bare: undefined };
const request = { ...hello, maxTokens: 1000 };

describe("withinBudget", () => {
  it("keeps models under their limit and drops one whose spend plus this request would pass it", async () => {
    let now = 0;
    const state = makeMemoryRouterState(undefined, () => now);
    const pick = withinBudget({ limits: { gpt: { usd: 1, per: "day" }, bare: { usd: 0.5, per: "month" } } });
    const order = () => Effect.runPromise(pick.order(pickContext(pool, { state, request })));
    expect(await order()).toEqual(["gpt", "mini", "bare"]);
    await Effect.runPromise(recordSpend(state, "gpt", 0.96));
    expect(await Effect.runPromise(readSpend(state, "gpt", "day"))).toBeCloseTo(0.96, 6);
    expect(await order()).toEqual(["gpt", "mini", "bare"]);
    await Effect.runPromise(recordSpend(state, "gpt", 0.02));
    // 0.98 spent + ~0.03 estimated > 1: skipped, though the limit itself is not reached yet.
    expect(await order()).toEqual(["mini", "bare"]);
    // A model with no price is skipped only once its recorded spend reaches the limit.
    await Effect.runPromise(recordSpend(state, "bare", 0.5));
    expect(await order()).toEqual(["mini"]);
    // The next UTC day resets the daily counter; the monthly one stays.
    now += 86_400_000;
    expect(await order()).toEqual(["gpt", "mini"]);
    // One order Effect run twice answers twice the same: nothing is carried over between runs.
    const once = pick.order(pickContext(pool, { state, request }));
    expect(await Effect.runPromise(once)).toEqual(["gpt", "mini"]);
    expect(await Effect.runPromise(once)).toEqual(["gpt", "mini"]);
    const unpriced = pick.order(pickContext({ mini: pool.mini }, { state, request }));
    expect(await Effect.runPromise(unpriced)).toEqual(["mini"]);
    expect(await Effect.runPromise(unpriced)).toEqual(["mini"]);
  });

  it("ignores non-positive or non-finite spend and rejects bad limits at construction", async () => {
    const state = makeMemoryRouterState();
    await Effect.runPromise(recordSpend(state, "gpt", -5));
    await Effect.runPromise(recordSpend(state, "gpt", Number.NaN));
    expect(await Effect.runPromise(readSpend(state, "gpt", "month"))).toBe(0);
    expect(() => withinBudget({ limits: { gpt: { usd: -1, per: "day" } } })).toThrow(ConfigError);
  });
});
