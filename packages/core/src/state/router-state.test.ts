import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { latencyP95 } from "./latency-p95.js";
import { makeMemoryRouterState } from "./router-state.js";

const run = <A>(e: Effect.Effect<A>) => Effect.runSync(e);

describe("in-memory router state", () => {
  const health = { failureThreshold: 3, windowMs: 1_000, cooldownMs: 500 };

  it("opens the circuit after N failures in the window, then lets exactly one probe through once cooled down", () => {
    let t = 10_000;
    const s = makeMemoryRouterState(health, () => t);
    for (let i = 0; i < 3; i++) run(s.recordOutcome("m", { ok: false, latencyMs: 5, errorTag: "Unavailable" }));
    expect(run(s.stats("m")).circuit).toBe("open");
    expect(run(s.admit("m"))).toBe(false);
    t += 500;
    expect(run(s.stats("m")).circuit).toBe("half-open");
    expect(run(s.admit("m"))).toBe(true);
    expect(run(s.admit("m"))).toBe(false); // the single probe slot is taken
    run(s.recordOutcome("m", { ok: true, latencyMs: 5 }));
    expect(run(s.stats("m")).circuit).toBe("closed");
  });

  it("a failed probe cools the model down again", () => {
    let t = 0;
    const s = makeMemoryRouterState(health, () => t);
    for (let i = 0; i < 3; i++) run(s.recordOutcome("m", { ok: false, latencyMs: 5 }));
    t += 600;
    expect(run(s.admit("m"))).toBe(true);
    run(s.recordOutcome("m", { ok: false, latencyMs: 5 }));
    expect(run(s.stats("m")).circuit).toBe("open");
  });

  it("an abandoned probe slot expires after the cooldown, so the model is not excluded forever", () => {
    let t = 0;
    const s = makeMemoryRouterState(health, () => t);
    for (let i = 0; i < 3; i++) run(s.recordOutcome("m", { ok: false, latencyMs: 5 }));
    t += 600;
    expect(run(s.admit("m"))).toBe(true); // claimed, then the run was cancelled: no outcome recorded
    t += 100;
    expect(run(s.admit("m"))).toBe(false);
    t += 500;
    expect(run(s.admit("m"))).toBe(true);
  });

  it("failures outside the window do not count", () => {
    let t = 0;
    const s = makeMemoryRouterState(health, () => t);
    run(s.recordOutcome("m", { ok: false, latencyMs: 5 }));
    run(s.recordOutcome("m", { ok: false, latencyMs: 5 }));
    t += 1_500;
    run(s.recordOutcome("m", { ok: false, latencyMs: 5 }));
    expect(run(s.stats("m"))).toMatchObject({ circuit: "closed", recentFailures: 1 });
  });

  it("tracks EWMA latency, p95 and in-flight calls", () => {
    const s = makeMemoryRouterState(health);
    for (let i = 1; i <= 100; i++) run(s.recordOutcome("m", { ok: true, latencyMs: i, ttftMs: 1 }));
    const st = run(s.stats("m"));
    expect(st.p95LatencyMs).toBe(97); // the ring keeps the last 64 samples, 37..100; index ⌊64·0.95⌋ = 60 → 97
    expect(st.ewmaLatencyMs).toBeGreaterThan(90);
    run(s.beginCall("m"));
    run(s.beginCall("m"));
    run(s.endCall("m"));
    expect(run(s.stats("m")).inFlight).toBe(1);
    // The p95 holds between reads and follows each new latency.
    expect(run(s.stats("m")).p95LatencyMs).toBe(97);
    for (let i = 0; i < 4; i++) run(s.recordOutcome("m", { ok: true, latencyMs: 5_000 }));
    expect(run(s.stats("m")).p95LatencyMs).toBe(5_000);
    run(s.recordOutcome("m", { ok: false, latencyMs: 9_000 })); // failures do not enter the latency ring
    expect(run(s.stats("m")).p95LatencyMs).toBe(5_000);
  });

  it("latencyP95 is the nearest-rank 95th percentile of an unsorted sample, numerically sorted", () => {
    const sample = [900, 5, 80, 1_000, 10, 70.5, 20, 30, 40, 50, 60, 100, 200, 300, 400, 500, 600, 700, 800, 90];
    expect(latencyP95(sample)).toBe(1_000); // ⌊20·0.95⌋ = 19, the largest
    expect(latencyP95(sample.slice(0, 3))).toBe(900); // ⌊3·0.95⌋ = 2, the largest of 900, 5, 80
    expect(latencyP95([100, 9, 20])).toBe(100); // a string sort would put "9" last
    expect(sample[0]).toBe(900); // the input is not reordered
    expect(latencyP95([42])).toBe(42);
    expect(latencyP95([])).toBeUndefined();
  });

  it("consume is an atomic check-and-add per fixed window", () => {
    let t = 0;
    const s = makeMemoryRouterState(health, () => t);
    expect(run(s.consume("k", 6, 60_000, 10))).toMatchObject({ allowed: true, total: 6 });
    expect(run(s.consume("k", 5, 60_000, 10))).toMatchObject({ allowed: false, total: 6 });
    expect(run(s.consume("k", 4, 60_000, 10))).toMatchObject({ allowed: true, total: 10 });
    t += 60_000;
    expect(run(s.read("k", 60_000))).toBe(0);
  });

  it("cache entries expire after their TTL", () => {
    let t = 0;
    const s = makeMemoryRouterState(health, () => t);
    run(s.cacheSet("a", "v", 100));
    expect(run(s.cacheGet("a"))).toBe("v");
    t += 101;
    expect(run(s.cacheGet("a"))).toBeUndefined();
  });
});
