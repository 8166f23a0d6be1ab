import * as Effect from "effect/Effect";
import { describe, expect, it } from "vitest";
import { makeMemoryRouterState } from "../state/index.js";
import { readSpend, recordSpendSoon } from "./spend.js";

const settle = () => new Promise((r) => setTimeout(r, 10));

describe("recordSpendSoon", () => {
  it("sums the calls of one moment (each rounded to a micro-dollar) and writes them after the caller moved on", async () => {
    const state = makeMemoryRouterState();
    for (let i = 0; i < 1_000; i++) recordSpendSoon(state, "gpt", 0.000_001_4); // each rounds to 1 micro-dollar
    recordSpendSoon(state, "mini", 0.25);
    expect(await Effect.runPromise(readSpend(state, "gpt", "day"))).toBe(0); // not yet: in the background
    await settle();
    expect(await Effect.runPromise(readSpend(state, "gpt", "day"))).toBeCloseTo(0.001, 9);
    expect(await Effect.runPromise(readSpend(state, "gpt", "month"))).toBeCloseTo(0.001, 9);
    expect(await Effect.runPromise(readSpend(state, "mini", "day"))).toBeCloseTo(0.25, 9);
    recordSpendSoon(state, "mini", 0.5);
    await settle();
    expect(await Effect.runPromise(readSpend(state, "mini", "day"))).toBeCloseTo(0.75, 9);
  });

  it("keeps two router states apart and ignores non-positive or non-finite costs", async () => {
    const a = makeMemoryRouterState();
    const b = makeMemoryRouterState();
    recordSpendSoon(a, "gpt", 1);
    recordSpendSoon(b, "gpt", 2);
    recordSpendSoon(a, "gpt", -3);
    recordSpendSoon(a, "gpt", Number.NaN);
    recordSpendSoon(a, "gpt", Number.POSITIVE_INFINITY);
    await settle();
    expect(await Effect.runPromise(readSpend(a, "gpt", "day"))).toBe(1);
    expect(await Effect.runPromise(readSpend(b, "gpt", "day"))).toBe(2);
  });
});
