/**
 * A mergeable latency sketch (the DDSketch idea): durations fall into logarithmic bins
 * `γ^(i-1) < ms ≤ γ^i` with γ = 1.02, so any quantile read back is within 1% of a true
 * duration, whatever the window, and two sketches merge by adding counts. Sparse: only
 * occupied bins are kept, stored as JSON `{ "bin": count }`.
 */
export type LatencySketch = Map<number, number>;

const GAMMA = 1.02;
const LOG_GAMMA = Math.log(GAMMA);
// Durations at or below 1 µs share one bin; nothing we time is shorter.
const FLOOR_MS = 0.001;

const binOf = (ms: number): number => Math.ceil(Math.log(Math.max(ms, FLOOR_MS)) / LOG_GAMMA);
// The point of the bin with the smallest relative error to anything inside it.
const valueOf = (bin: number): number => (2 * GAMMA ** bin) / (GAMMA + 1);

/** Adds one duration. @example sketchAdd(sketch, 123.4); */
export const sketchAdd = (sketch: LatencySketch, ms: number): void => {
  const bin = binOf(ms);
  sketch.set(bin, (sketch.get(bin) ?? 0) + 1);
};

/** Adds every bin of `from` into `into`. @example sketchMerge(total, sketchFromJson(row.latency_sketch)); */
export const sketchMerge = (into: LatencySketch, from: LatencySketch): void => {
  for (const [bin, n] of from) into.set(bin, (into.get(bin) ?? 0) + n);
};

/** Stored form. @example row.latency_sketch = sketchToJson(sketch); */
export const sketchToJson = (sketch: LatencySketch): string => JSON.stringify(Object.fromEntries(sketch));

/** Reads the stored form; anything unreadable is an empty sketch. @example sketchFromJson('{"232":3}'); */
export const sketchFromJson = (json: string): LatencySketch => {
  const out: LatencySketch = new Map();
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return out;
  }
  if (typeof parsed !== "object" || parsed === null) return out;
  for (const [k, v] of Object.entries(parsed)) if (typeof v === "number" && Number.isInteger(Number(k))) out.set(Number(k), v);
  return out;
};

/**
 * The nearest-rank quantile `q` (0..1), clamped to the observed `[min, max]` so a window
 * with one run reports that run's exact duration. Undefined for an empty sketch.
 * @example
 * sketchQuantile(sketch, 0.95, 12, 840); // ≈ the p95 within 1%
 */
export const sketchQuantile = (sketch: LatencySketch, q: number, min: number, max: number): number | undefined => {
  let total = 0;
  for (const n of sketch.values()) total += n;
  if (total === 0) return undefined;
  const rank = Math.max(1, Math.ceil(q * total));
  const bins = [...sketch.keys()].sort((a, b) => a - b);
  let seen = 0;
  for (const bin of bins) {
    seen += sketch.get(bin) ?? 0;
    if (seen >= rank) return Math.min(max, Math.max(min, valueOf(bin)));
  }
  return max;
};
