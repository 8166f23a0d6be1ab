import { z } from "zod";

const num = z.coerce.number().refine(Number.isFinite, "must be a number");
const opt = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === "" ? undefined : v), s.optional());

/**
 * Filters of the runs list, parsed from query parameters (`?route=support&minCostUsd=0.01`).
 * Times are epoch milliseconds, latencies milliseconds, costs USD.
 * @example
 * const f = RunFilter.parse(Object.fromEntries(url.searchParams));
 */
export const RunFilter = z.object({
  route: opt(z.string()),
  model: opt(z.string()),
  status: opt(z.enum(["running", "ok", "error"])),
  minCostUsd: opt(num.nonnegative()),
  maxCostUsd: opt(num.nonnegative()),
  minLatencyMs: opt(num.nonnegative()),
  maxLatencyMs: opt(num.nonnegative()),
  from: opt(num),
  to: opt(num),
  q: opt(z.string().max(200)),
  limit: opt(z.coerce.number().int().min(1).max(500)),
  cursor: opt(z.string().max(300)),
});
export type RunFilter = z.infer<typeof RunFilter>;

/**
 * Dashboard window, from query parameters; defaults to the last hour in 30 buckets.
 * @example
 * const q = DashboardQuery.parse({ from: String(Date.now() - 86_400_000) });
 */
export const DashboardQuery = z.object({
  from: opt(num),
  to: opt(num),
  buckets: opt(z.coerce.number().int().min(1).max(200)),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;
