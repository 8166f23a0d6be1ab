import { describe, expect, it } from "vitest";
import { latencyP95 } from "./latency-p95.js";
import { LatencyWindow } from "./latency-window.js";

describe("LatencyWindow", () => {
  it("has no p95 while empty", () => {
    expect(new LatencyWindow(64).p95()).toBeUndefined();
  });

  it("gives, after every add, the p95 of the last `size` latencies, with repeats and out-of-order values", () => {
    // A fixed pseudo-random sequence (LCG): many repeats (values 0..49) and a few large ones.
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % 11 === 0 ? 1_000 + (seed % 5_000) : seed % 50;
    };
    const w = new LatencyWindow(64);
    const all: number[] = [];
    for (let i = 0; i < 1_000; i++) {
      const ms = next() + (i % 3) / 4; // fractions too
      w.add(ms);
      all.push(ms);
      expect(w.p95(), `after ${i + 1} adds`).toBe(latencyP95(all.slice(-64)));
    }
  });

  it("drops the oldest latency once full", () => {
    const w = new LatencyWindow(4);
    for (const ms of [900, 800, 1, 2]) w.add(ms);
    expect(w.p95()).toBe(900); // ⌊4·0.95⌋ = 3: the largest
    w.add(3); // 900 leaves
    expect(w.p95()).toBe(800);
    w.add(4); // 800 leaves
    expect(w.p95()).toBe(4);
  });

  it("ignores non-finite latencies instead of breaking its order", () => {
    const w = new LatencyWindow(4);
    for (const ms of [10, Number.NaN, 20, Number.POSITIVE_INFINITY, 30]) w.add(ms);
    expect(w.p95()).toBe(30);
    for (const ms of [1, 2, 3]) w.add(ms); // 10 and 20 leave; NaN never entered
    expect(w.p95()).toBe(30);
    w.add(0); // 30 leaves
    expect(w.p95()).toBe(3);
  });
});
