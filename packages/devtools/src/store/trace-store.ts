import type { Dashboard, FilterOptions, RunDetail, RunsPage, RunSummary } from "../api/api-types.js";
import type { DashboardQuery, RunFilter } from "../api/run-filter.js";
import type { IngestSpan } from "../otlp/ingest-span.js";
import { dashboard } from "./dashboard-query.js";
import { makeIngest } from "./ingest-spans.js";
import { openDatabase } from "./open-database.js";
import { defaultRetention, enforceRetention, type Retention } from "./retention.js";
import { filterOptions, getRun, listRuns } from "./run-queries.js";

/**
 * The devtools' embedded store: SQLite (WAL) on disk, surviving restarts.
 * @example
 * const store = openTraceStore({ path: ".switchyard/devtools.db" });
 * store.ingest(spans); store.listRuns({ status: "error" });
 */
export interface TraceStore {
  /** Stores spans; returns the runs they created or changed. */
  readonly ingest: (spans: ReadonlyArray<IngestSpan>) => RunSummary[];
  readonly listRuns: (filter: RunFilter) => RunsPage;
  readonly getRun: (runId: string) => RunDetail | undefined;
  /** `now` (default the clock) places the default window and decides which rollup grains are still kept. */
  readonly dashboard: (query: DashboardQuery, now?: number) => Dashboard;
  readonly filterOptions: () => FilterOptions;
  /** Applies the retention now; returns how many runs were deleted. */
  readonly enforceRetention: () => number;
  readonly close: () => void;
}

/**
 * Opens the store at `path` (default `:memory:`) with the given retention.
 * @example
 * const store = openTraceStore({ path: "/tmp/dt.db", retention: { maxRuns: 10_000, maxAgeMs: 86_400_000 } });
 */
export const openTraceStore = (options: { readonly path?: string; readonly retention?: Partial<Retention> } = {}): TraceStore => {
  const db = openDatabase(options.path ?? ":memory:");
  const retention: Retention = { ...defaultRetention, ...options.retention };
  const ingest = makeIngest(db);
  return {
    ingest,
    listRuns: (f) => listRuns(db, f),
    getRun: (id) => getRun(db, id),
    dashboard: (q, now) => dashboard(db, q, now),
    filterOptions: () => filterOptions(db),
    enforceRetention: () => enforceRetention(db, retention),
    close: () => db.close(),
  };
};
