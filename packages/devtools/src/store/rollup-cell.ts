import { sketchAdd, sketchFromJson, sketchMerge, sketchToJson, type LatencySketch } from "./latency-sketch.js";

/** Rollups exist per route (finished runs) and per model (provider attempts). */
export type RollupKind = "route" | "model";

/**
 * One run or one attempt as the rollups count it. Token fields are the raw counts the spans
 * carry (`cachedInput` and `cacheWriteInput` are parts of `input`, `reasoning` of `output`).
 */
export interface RollupSample {
  readonly kind: RollupKind;
  readonly key: string;
  readonly startMs: number;
  readonly durationMs: number;
  readonly error: boolean;
  /** An attempt whose answer the run returned. */
  readonly win: boolean;
  readonly input: number;
  readonly cachedInput: number;
  readonly cacheWriteInput: number;
  readonly output: number;
  readonly reasoning: number;
  readonly costUsd: number;
}

/** Aggregates of a group of samples; cells merge by adding. */
export interface RollupCell {
  count: number;
  errors: number;
  wins: number;
  latencyMin: number;
  latencyMax: number;
  sketch: LatencySketch;
  input: number;
  cachedInput: number;
  cacheWriteInput: number;
  output: number;
  reasoning: number;
  costUsd: number;
}

/** A `rollups` row as SQLite returns it. */
export interface RollupRow {
  grain_ms: number;
  slot_ms: number;
  kind: string;
  key: string;
  count: number;
  errors: number;
  wins: number;
  latency_min: number | null;
  latency_max: number | null;
  latency_sketch: string;
  input_tokens: number;
  cached_input_tokens: number;
  cache_write_input_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  cost_usd: number;
}

/** An empty cell. @example const c = emptyCell(); addSample(c, sample); */
export const emptyCell = (): RollupCell => ({
  count: 0, errors: 0, wins: 0, latencyMin: Infinity, latencyMax: -Infinity, sketch: new Map(),
  input: 0, cachedInput: 0, cacheWriteInput: 0, output: 0, reasoning: 0, costUsd: 0,
});

/** Counts one sample into a cell. @example addSample(cell, runSample(run)); */
export const addSample = (cell: RollupCell, s: RollupSample): void => {
  cell.count += 1;
  if (s.error) cell.errors += 1;
  if (s.win) cell.wins += 1;
  cell.latencyMin = Math.min(cell.latencyMin, s.durationMs);
  cell.latencyMax = Math.max(cell.latencyMax, s.durationMs);
  sketchAdd(cell.sketch, s.durationMs);
  cell.input += s.input;
  cell.cachedInput += s.cachedInput;
  cell.cacheWriteInput += s.cacheWriteInput;
  cell.output += s.output;
  cell.reasoning += s.reasoning;
  cell.costUsd += s.costUsd;
};

/** Adds `from` into `into`. @example mergeCell(total, cellFromRow(row)); */
export const mergeCell = (into: RollupCell, from: RollupCell): void => {
  into.count += from.count;
  into.errors += from.errors;
  into.wins += from.wins;
  into.latencyMin = Math.min(into.latencyMin, from.latencyMin);
  into.latencyMax = Math.max(into.latencyMax, from.latencyMax);
  sketchMerge(into.sketch, from.sketch);
  into.input += from.input;
  into.cachedInput += from.cachedInput;
  into.cacheWriteInput += from.cacheWriteInput;
  into.output += from.output;
  into.reasoning += from.reasoning;
  into.costUsd += from.costUsd;
};

/** Row → cell. @example rows.map(cellFromRow); */
export const cellFromRow = (r: RollupRow): RollupCell => ({
  count: r.count, errors: r.errors, wins: r.wins,
  latencyMin: r.latency_min ?? Infinity, latencyMax: r.latency_max ?? -Infinity, sketch: sketchFromJson(r.latency_sketch),
  input: r.input_tokens, cachedInput: r.cached_input_tokens, cacheWriteInput: r.cache_write_input_tokens,
  output: r.output_tokens, reasoning: r.reasoning_tokens, costUsd: r.cost_usd,
});

/** Cell → row parameters. @example write.run(rowFromCell(grain, slot, "route", "support", cell)); */
export const rowFromCell = (grainMs: number, slotMs: number, kind: RollupKind, key: string, c: RollupCell): RollupRow => ({
  grain_ms: grainMs, slot_ms: slotMs, kind, key, count: c.count, errors: c.errors, wins: c.wins,
  latency_min: Number.isFinite(c.latencyMin) ? c.latencyMin : null,
  latency_max: Number.isFinite(c.latencyMax) ? c.latencyMax : null,
  latency_sketch: sketchToJson(c.sketch),
  input_tokens: c.input, cached_input_tokens: c.cachedInput, cache_write_input_tokens: c.cacheWriteInput,
  output_tokens: c.output, reasoning_tokens: c.reasoning, cost_usd: c.costUsd,
});
