import type { Dashboard, GroupAggregate, RunAggregate } from "../api/api-types.js";
import type { DashboardQuery } from "../api/run-filter.js";
import { sketchQuantile } from "./latency-sketch.js";
import type { Db } from "./open-database.js";
import { cellFromRow, emptyCell, mergeCell, type RollupCell, type RollupRow } from "./rollup-cell.js";
import { GRAINS } from "./rollups.js";

const aggregate = (c: RollupCell): RunAggregate => {
  const q = (k: "p50Ms" | "p95Ms" | "p99Ms", v: number) => {
    const x = sketchQuantile(c.sketch, v, c.latencyMin, c.latencyMax);
    return x === undefined ? {} : { [k]: x };
  };
  return {
    count: c.count,
    errors: c.errors,
    errorRate: c.count ? c.errors / c.count : 0,
    ...q("p50Ms", 0.5),
    ...q("p95Ms", 0.95),
    ...q("p99Ms", 0.99),
    tokens: {
      input: Math.max(0, c.input - c.cachedInput - c.cacheWriteInput),
      cachedInput: c.cachedInput,
      cacheWriteInput: c.cacheWriteInput,
      output: Math.max(0, c.output - c.reasoning),
      reasoning: c.reasoning,
    },
    costUsd: c.costUsd,
  };
};

// The coarsest grain no wider than a bucket (10% slack, so a window a few ms short of a
// whole hour still gets hourly buckets) that still covers the window's start; if the fine
// grains were pruned for an old window, the finest one left (fewer, wider buckets).
const pickGrain = (fromMs: number, rawBucketMs: number, now: number): number => {
  const kept = GRAINS.filter((g) => g.keepMs === undefined || fromMs >= now - g.keepMs);
  const fits = kept.filter((g) => g.ms <= rawBucketMs * 1.1);
  return (fits[fits.length - 1] ?? kept[0] ?? GRAINS[GRAINS.length - 1])?.ms ?? 60_000;
};

interface Group {
  readonly cell: RollupCell;
  readonly costSeries: number[];
}

/**
 * Latency quantiles, error rate, tokens and cost over time buckets, in total and by route
 * (finished runs) and by model (every attempt, each with its own cost), read from the
 * rollups maintained at ingest: the cost is about (buckets × routes + buckets × models)
 * rows, not the number of runs.
 * @example
 * const d = dashboard(db, { from: Date.now() - 3_600_000, buckets: 30 });
 */
export const dashboard = (db: Db, query: DashboardQuery, now = Date.now()): Dashboard => {
  const toMs = query.to ?? now;
  const requestedFrom = Math.min(query.from ?? toMs - 3_600_000, toMs);
  const n = query.buckets ?? 30;
  const rawBucketMs = Math.max(1, (toMs - requestedFrom) / n);
  const grainMs = pickGrain(requestedFrom, rawBucketMs, now);
  const fromMs = Math.floor(requestedFrom / grainMs) * grainMs;
  const bucketMs = Math.ceil(rawBucketMs / grainMs) * grainMs;
  const bucketCount = Math.max(1, Math.ceil((toMs - fromMs + 1) / bucketMs));
  const rows = db
    .prepare<[number, number, number], RollupRow>("SELECT * FROM rollups WHERE grain_ms = ? AND slot_ms >= ? AND slot_ms <= ?")
    .all(grainMs, fromMs, toMs);

  const totals = emptyCell();
  const buckets = Array.from({ length: bucketCount }, emptyCell);
  const groups = { route: new Map<string, Group>(), model: new Map<string, Group>() };
  for (const row of rows) {
    const cell = cellFromRow(row);
    const b = Math.min(bucketCount - 1, Math.floor((row.slot_ms - fromMs) / bucketMs));
    if (row.kind === "route") {
      mergeCell(totals, cell);
      const bucket = buckets[b];
      if (bucket) mergeCell(bucket, cell);
    }
    const byKey = row.kind === "route" ? groups.route : groups.model;
    let g = byKey.get(row.key);
    if (!g) byKey.set(row.key, (g = { cell: emptyCell(), costSeries: new Array<number>(bucketCount).fill(0) }));
    mergeCell(g.cell, cell);
    g.costSeries[b] = (g.costSeries[b] ?? 0) + cell.costUsd;
  }
  const list = (m: Map<string, Group>): GroupAggregate[] =>
    [...m]
      .map(([key, g]) => ({ key, ...aggregate(g.cell), wins: g.cell.wins, costSeries: g.costSeries }))
      .sort((a, b) => b.costUsd - a.costUsd || b.count - a.count);
  return {
    fromMs,
    toMs,
    bucketMs,
    grainMs,
    totals: aggregate(totals),
    buckets: buckets.map((c, i) => ({ startMs: fromMs + i * bucketMs, ...aggregate(c) })),
    byModel: list(groups.model),
    byRoute: list(groups.route),
  };
};
