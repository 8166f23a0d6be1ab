import { describe, expect, it } from "vitest";
import { hashFeatures } from "./hash-features.js";

const norm = (values: Float32Array) => Math.sqrt(values.reduce((s, v) => s + v * v, 0));

describe("hashFeatures", () => {
  it("is deterministic, sparse, inside 2^bits and L2-normalised", () => {
    const a = hashFeatures("What is the derivative of x^2 + 3x?");
    const b = hashFeatures("What is the derivative of x^2 + 3x?");
    expect([...a.indices]).toEqual([...b.indices]);
    expect([...a.values]).toEqual([...b.values]);
    expect(new Set(a.indices).size).toBe(a.indices.length);
    expect(a.indices.every((i) => i >= 0 && i < 2 ** 18)).toBe(true);
    expect(norm(a.values)).toBeCloseTo(1, 5);
    expect(hashFeatures("x", { bits: 10, charNgrams: [3, 5], maxChars: 100 }).indices.every((i) => i < 1024)).toBe(true);
  });

  it("ignores case, shares features between related texts, and separates unrelated ones", () => {
    const dot = (x: ReturnType<typeof hashFeatures>, y: ReturnType<typeof hashFeatures>) => {
      const m = new Map([...x.indices].map((i, k) => [i, x.values[k] ?? 0]));
      return [...y.indices].reduce((s, i, k) => s + (m.get(i) ?? 0) * (y.values[k] ?? 0), 0);
    };
    const q = hashFeatures("Solve the equation 3x + 5 = 20 for x.");
    expect(dot(q, hashFeatures("SOLVE THE EQUATION 3X + 5 = 20 FOR X."))).toBeCloseTo(1, 5);
    const related = dot(q, hashFeatures("Solve the equation 4x - 2 = 10 for x."));
    const unrelated = dot(q, hashFeatures("Write a haiku about autumn leaves in Kyoto."));
    expect(related).toBeGreaterThan(0.5);
    expect(unrelated).toBeLessThan(0.2);
  });

  it("reads at most maxChars characters and handles empty and non-Latin text", () => {
    const long = "lorem ipsum dolor sit amet ".repeat(10_000);
    const capped = hashFeatures(long, { bits: 18, charNgrams: [3, 5], maxChars: 1000 });
    expect(capped.indices.length).toBeLessThan(2000);
    expect(hashFeatures("").indices.length).toBe(1); // the length bucket only
    expect(hashFeatures("東京の人口は何人ですか？").indices.length).toBeGreaterThan(5);
  });
});
