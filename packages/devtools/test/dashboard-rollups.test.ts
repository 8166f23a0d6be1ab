import { afterEach, describe, expect, it } from "vitest";
import { openTraceStore, type TraceStore } from "../src/store/trace-store.js";
import { fakeRunSpans, type FakeRun } from "./fake-run-spans.js";

// Exact nearest-rank quantile, the reference the sketch must stay within 1% of.
const exactQuantile = (xs: ReadonlyArray<number>, q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;
};

const T0 = Date.UTC(2026, 10, 26, 10, 0, 0); // on a whole hour, so slot boundaries are predictable

const simpleRun = (index: number, startMs: number, durationMs: number, route = "support", failed = false): FakeRun => ({
  index, startMs, durationMs, route, states: ["call", failed ? "failed" : "done"], failed,
  attempts: [{ model: "m", outcome: failed ? "error" : "success", startMs, durationMs: durationMs / 2, costUsd: 0.001, inputTokens: 10, outputTokens: 5 }],
});

describe("dashboard from ingest-time rollups", () => {
  let store: TraceStore;
  afterEach(() => store.close());

  it("reports quantiles within 1% of the exact ones, counts and errors per bucket and per route", () => {
    store = openTraceStore();
    const durations: number[] = [];
    let seed = 7;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const spans = [];
    for (let i = 0; i < 2000; i++) {
      const d = Math.round(5 + rand() * rand() * 5000 * 10) / 10; // skewed, like real latencies
      durations.push(d);
      // 2000 runs over 20 minutes; every 10th fails; two routes.
      spans.push(...fakeRunSpans(simpleRun(i, T0 + i * 600, d, i % 2 ? "extract" : "support", i % 10 === 0)));
    }
    store.ingest(spans);
    const d = store.dashboard({ from: T0, to: T0 + 20 * 60_000 - 1, buckets: 20 }, T0 + 20 * 60_000);
    expect(d.grainMs).toBe(60_000);
    expect(d.bucketMs).toBe(60_000);
    expect(d.buckets).toHaveLength(20);
    expect(d.totals.count).toBe(2000);
    expect(d.totals.errors).toBe(200);
    expect(d.totals.errorRate).toBeCloseTo(0.1);
    for (const [k, q] of [["p50Ms", 0.5], ["p95Ms", 0.95], ["p99Ms", 0.99]] as const) {
      const exact = exactQuantile(durations, q);
      expect(Math.abs((d.totals[k] ?? NaN) - exact) / exact, k).toBeLessThanOrEqual(0.01);
    }
    expect(d.buckets.map((b) => b.count)).toEqual(new Array(20).fill(100));
    // Bucket 3 holds runs 300..399: check its p95 against those exactly.
    const b3 = durations.slice(300, 400);
    expect(Math.abs((d.buckets[3]?.p95Ms ?? NaN) - exactQuantile(b3, 0.95)) / exactQuantile(b3, 0.95)).toBeLessThanOrEqual(0.01);
    expect(d.byRoute.map((r) => [r.key, r.count, r.errors]).sort()).toEqual([["extract", 1000, 0], ["support", 1000, 200]]);
    // One run alone: the quantiles are its exact duration (the sketch is clamped to min/max).
    store.ingest(fakeRunSpans(simpleRun(5000, T0 + 3_600_000, 123.4)));
    const one = store.dashboard({ from: T0 + 3_600_000, to: T0 + 3_600_000 + 9_999, buckets: 1 }, T0 + 20 * 60_000);
    expect(one.totals.count).toBe(1);
    expect(one.totals.p50Ms).toBeCloseTo(123.4, 3);
    expect(one.totals.p99Ms).toBe(one.totals.p50Ms);
  });

  it("picks a coarser grain for wider windows and widens the window to whole slots", () => {
    store = openTraceStore();
    store.ingest(fakeRunSpans(simpleRun(1, T0 + 5 * 3_600_000 + 123, 40)));
    const now = T0 + 24 * 3_600_000;
    const day = store.dashboard({ from: T0 + 17, to: now, buckets: 24 }, now);
    expect(day.grainMs).toBe(3_600_000);
    expect(day.fromMs).toBe(T0);
    expect(day.buckets[5]?.count).toBe(1);
    const quarter = store.dashboard({ from: now - 15 * 60_000, to: now, buckets: 30 }, now);
    expect(quarter.grainMs).toBe(10_000);
    expect(quarter.bucketMs).toBe(30_000);
    expect(quarter.totals.count).toBe(0);
  });

  it("gives each attempt's tokens and cost to its own model, with disjoint token lines", () => {
    store = openTraceStore();
    // The first model answered but failed validation (it still cost money), the second won.
    store.ingest(fakeRunSpans({
      index: 1, startMs: T0, durationMs: 900, route: "extract", states: ["call", "validate", "call", "validate", "done"],
      attempts: [
        { model: "cheap", outcome: "invalid", startMs: T0, durationMs: 300, costUsd: 0.001, inputTokens: 1000, cachedInputTokens: 400, outputTokens: 200 },
        { model: "smart", outcome: "success", kind: "repair", startMs: T0 + 400, durationMs: 500, costUsd: 0.02, inputTokens: 1200, cachedInputTokens: 1000, outputTokens: 300, reasoningTokens: 120 },
      ],
    }));
    store.ingest(fakeRunSpans({
      index: 2, startMs: T0 + 1000, durationMs: 100, route: "extract", states: ["call", "done"],
      attempts: [{ model: "cheap", outcome: "success", startMs: T0 + 1000, durationMs: 100, costUsd: 0.0005, inputTokens: 100, outputTokens: 10 }],
    }));
    const d = store.dashboard({ from: T0, to: T0 + 60_000, buckets: 6 }, T0 + 60_000);
    const byModel = Object.fromEntries(d.byModel.map((m) => [m.key, m]));
    expect(byModel.cheap).toMatchObject({ count: 2, errors: 1, wins: 1, tokens: { input: 700, cachedInput: 400, cacheWriteInput: 0, output: 210, reasoning: 0 } });
    expect(byModel.cheap?.costUsd).toBeCloseTo(0.0015, 10);
    expect(byModel.smart).toMatchObject({ count: 1, errors: 0, wins: 1, tokens: { input: 200, cachedInput: 1000, output: 180, reasoning: 120 } });
    expect(byModel.smart?.costUsd).toBeCloseTo(0.02, 10);
    // Run totals: every token once (2300 input of which 1400 cached; 510 output of which 120 reasoning), cost summed once.
    expect(d.totals.tokens).toEqual({ input: 900, cachedInput: 1400, cacheWriteInput: 0, output: 390, reasoning: 120 });
    expect(d.totals.costUsd).toBeCloseTo(0.0215, 10);
    expect(d.byModel.reduce((t, m) => t + m.costUsd, 0)).toBeCloseTo(d.totals.costUsd, 10);
    expect(byModel.cheap?.costSeries.reduce((t, c) => t + c, 0)).toBeCloseTo(0.0015, 10);
  });

  it("counts a redelivered batch once", () => {
    store = openTraceStore();
    const spans = fakeRunSpans(simpleRun(1, T0, 50));
    store.ingest(spans);
    expect(store.ingest(spans)).toEqual([]);
    const d = store.dashboard({ from: T0, to: T0 + 60_000 }, T0 + 60_000);
    expect(d.totals.count).toBe(1);
    expect(d.byModel[0]?.count).toBe(1);
    expect(store.getRun("run-1")?.spans).toHaveLength(3); // root, the call state, one attempt
  });
});
