import type { Dashboard, RunAggregate } from "../api/api-types.js";
import type { DashboardQuery } from "../api/run-filter.js";
import type { Db } from "./open-database.js";

interface Point {
  start_ms: number;
  duration_ms: number | null;
  status: string;
  model: string | null;
  route: string;
  cost_usd: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cached_input_tokens: number | null;
  reasoning_tokens: number | null;
}

// Nearest-rank quantile over an ascending array.
const quantile = (sorted: ReadonlyArray<number>, q: number): number | undefined =>
  sorted.length === 0 ? undefined : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

const aggregate = (points: ReadonlyArray<Point>): RunAggregate => {
  const durations = points.map((p) => p.duration_ms).filter((d): d is number => d !== null).sort((a, b) => a - b);
  const errors = points.filter((p) => p.status === "error").length;
  const sum = (f: (p: Point) => number | null) => points.reduce((t, p) => t + (f(p) ?? 0), 0);
  const q = (k: "p50Ms" | "p95Ms" | "p99Ms", v: number) => {
    const x = quantile(durations, v);
    return x === undefined ? {} : { [k]: x };
  };
  return {
    count: points.length,
    errors,
    errorRate: points.length ? errors / points.length : 0,
    ...q("p50Ms", 0.5),
    ...q("p95Ms", 0.95),
    ...q("p99Ms", 0.99),
    inputTokens: sum((p) => p.input_tokens),
    outputTokens: sum((p) => p.output_tokens),
    cachedInputTokens: sum((p) => p.cached_input_tokens),
    reasoningTokens: sum((p) => p.reasoning_tokens),
    costUsd: sum((p) => p.cost_usd),
  };
};

/**
 * Latency quantiles, error rate, tokens and cost over time buckets, in total and by model
 * and route (winning model), over finished runs in the window.
 * @example
 * const d = dashboard(db, { from: Date.now() - 3_600_000, buckets: 30 });
 */
export const dashboard = (db: Db, query: DashboardQuery, now = Date.now()): Dashboard => {
  const toMs = query.to ?? now;
  const fromMs = query.from ?? toMs - 3_600_000;
  const n = query.buckets ?? 30;
  const bucketMs = Math.max(1, Math.ceil((toMs - fromMs) / n));
  const points = db
    .prepare<[number, number], Point>(
      `SELECT start_ms, duration_ms, status, model, route, cost_usd, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens
       FROM runs WHERE start_ms >= ? AND start_ms <= ? AND status != 'running'`,
    )
    .all(fromMs, toMs);
  const bucketOf = (p: Point) => Math.min(n - 1, Math.floor((p.start_ms - fromMs) / bucketMs));
  const perBucket: Point[][] = Array.from({ length: n }, () => []);
  for (const p of points) perBucket[bucketOf(p)]?.push(p);
  const groupBy = (key: (p: Point) => string) => {
    const groups = new Map<string, Point[]>();
    for (const p of points) {
      const k = key(p);
      const list = groups.get(k);
      if (list) list.push(p);
      else groups.set(k, [p]);
    }
    return [...groups].map(([k, ps]) => {
      const costSeries = new Array<number>(n).fill(0);
      for (const p of ps) costSeries[bucketOf(p)] = (costSeries[bucketOf(p)] ?? 0) + (p.cost_usd ?? 0);
      return { key: k, ...aggregate(ps), costSeries };
    }).sort((a, b) => b.count - a.count);
  };
  return {
    fromMs,
    toMs,
    bucketMs,
    totals: aggregate(points),
    buckets: perBucket.map((ps, i) => ({ startMs: fromMs + i * bucketMs, ...aggregate(ps) })),
    byModel: groupBy((p) => p.model ?? "(none)"),
    byRoute: groupBy((p) => p.route),
  };
};
