import { describe, expect, it } from "vitest";
import { operatingPoint, summarizeRouting, type ScoredOutcome } from "./routing-metrics.js";

// 4 prompts: strong wins on #0 and #1, both right on #2, both wrong on #3.
const base = [
  { weak: 0, strong: 1 },
  { weak: 0, strong: 1 },
  { weak: 1, strong: 1 },
  { weak: 0, strong: 0 },
];
const scored = (scores: number[]): ScoredOutcome[] => base.map((b, i) => ({ ...b, score: scores[i] ?? 0 }));

describe("routing metrics", () => {
  it("gives a perfect ranking CPT(50%) of 25% and APGR above a random ranking's 0.5", () => {
    const s = summarizeRouting(scored([0.9, 0.8, 0.2, 0.1]));
    expect(s.weakQuality).toBe(0.25);
    expect(s.strongQuality).toBe(0.75);
    expect(s.oracleQuality).toBe(0.75);
    expect(s.oracleShare).toBe(0.5);
    expect(s.cpt50).toBe(0.25);
    expect(s.cpt80).toBe(0.5);
    // PGR at shares 0, .25, .5, .75, 1 = 0, .5, 1, 1, 1 → trapezoid area .0625 + .1875 + .25 + .25.
    expect(s.apgr).toBeCloseTo(0.75, 10);
  });

  it("gives the worst ranking APGR below 0.5", () => {
    const s = summarizeRouting(scored([0.1, 0.2, 0.8, 0.9]));
    // PGR 0, 0, 0, .5, 1 → area .0625 + .1875.
    expect(s.apgr).toBeCloseTo(0.25, 10);
    expect(s.cpt50).toBe(0.75);
  });

  it("reports an operating point with cost saved and the random baseline at the same share", () => {
    const p = operatingPoint(scored([0.9, 0.8, 0.2, 0.1]), 0.5, { weak: 1, strong: 100 });
    expect(p.strongShare).toBe(0.5);
    expect(p.quality).toBe(0.75);
    expect(p.pgr).toBe(1);
    expect(p.qualityRetained).toBe(1);
    expect(p.costSaved).toBeCloseTo(1 - 50.5 / 100, 10);
    expect(p.randomQuality).toBe(0.5);
  });
});
