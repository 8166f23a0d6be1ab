import { Attr, SpanName } from "@switchyard/core";
import type { RunSummary } from "../api/api-types.js";
import type { IngestSpan } from "../otlp/ingest-span.js";
import type { Db } from "./open-database.js";
import { str } from "./read-attributes.js";
import type { RollupSample } from "./rollup-cell.js";
import { attemptSample, runSample } from "./rollup-samples.js";
import { makeRollupWriter } from "./rollups.js";
import { isAttempt, isRunRoot, runFromChildren, runFromRoot } from "./run-from-spans.js";
import { rowFromRun, spanFromRow, type RunRow, type SpanRow } from "./run-rows.js";

const RUN_COLUMNS: ReadonlyArray<keyof RunRow> = [
  "run_id", "trace_id", "root_span_id", "route", "label", "model", "service", "status", "error_type", "error_message", "start_ms", "end_ms",
  "duration_ms", "ttft_ms", "attempts", "cost_usd", "input_tokens", "output_tokens", "cached_input_tokens", "cache_write_input_tokens",
  "reasoning_tokens", "path", "graph_hash", "search", "updated_ms",
];
// UPSERT rather than INSERT OR REPLACE: the row keeps its rowid, so the FTS triggers see an update.
const UPSERT_RUN = `INSERT INTO runs (${RUN_COLUMNS.join(", ")}) VALUES (${RUN_COLUMNS.map((c) => `@${c}`).join(", ")})
  ON CONFLICT (run_id) DO UPDATE SET ${RUN_COLUMNS.filter((c) => c !== "run_id").map((c) => `${c} = excluded.${c}`).join(", ")}`;

/**
 * Builds the ingest function: it stores a batch of spans in one transaction and returns
 * every run the batch created or changed. A run appears (as `running`) with its first span
 * and becomes final when its root span lands; a span without `switchyard.run_id` joins the
 * run of its parent when the parent is known. A span delivered twice (an exporter retry)
 * is stored and counted once. The dashboard rollups move in the same transaction.
 * @example
 * const ingest = makeIngest(db);
 * const changed = ingest(spans); // broadcast these to live viewers
 */
export const makeIngest = (db: Db): ((spans: ReadonlyArray<IngestSpan>) => RunSummary[]) => {
  const insertSpan = db.prepare(
    `INSERT OR IGNORE INTO spans (trace_id, span_id, parent_span_id, run_id, name, kind, start_ms, end_ms, status_code, status_message, attributes, events, service)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const runOfSpan = db.prepare<[string, string], string | null>("SELECT run_id FROM spans WHERE trace_id = ? AND span_id = ?").pluck();
  const runState = db.prepare<[string], { root_span_id: string | null; search: string }>("SELECT root_span_id, search FROM runs WHERE run_id = ?");
  const spansOfRun = db.prepare<[string], SpanRow>("SELECT * FROM spans WHERE run_id = ? ORDER BY rowid");
  const writeRun = db.prepare(UPSERT_RUN);
  const writeGraph = db.prepare("INSERT OR IGNORE INTO graphs (hash, route, graph, received_ms) VALUES (?, ?, ?, ?)");
  const addToRollups = makeRollupWriter(db);

  const storeGraphs = (root: IngestSpan): void => {
    for (const ev of root.events) {
      if (ev.name !== SpanName.graphEvent) continue;
      const graph = str(ev.attributes, Attr.graph);
      const hash = str(ev.attributes, Attr.graphHash) ?? str(root.attributes, Attr.graphHash);
      if (graph && hash) writeGraph.run(hash, str(ev.attributes, Attr.route) ?? "", graph, Date.now());
    }
  };

  return db.transaction((spans: ReadonlyArray<IngestSpan>): RunSummary[] => {
    const runOf = new Map<string, string>(); // traceId/spanId → runId, for parents in this batch
    const touched = new Map<string, IngestSpan | undefined>(); // runId → its root if the batch has it
    const batchChildren = new Map<string, IngestSpan[]>(); // runId → its other spans in this batch
    const samples: RollupSample[] = [];
    for (const span of spans) {
      const runId =
        str(span.attributes, Attr.runId) ??
        (span.parentSpanId ? (runOf.get(`${span.traceId}/${span.parentSpanId}`) ?? runOfSpan.get(span.traceId, span.parentSpanId) ?? undefined) : undefined);
      const inserted = insertSpan.run(
        span.traceId, span.spanId, span.parentSpanId ?? null, runId ?? null, span.name, span.kind, span.startMs, span.endMs,
        span.statusCode, span.statusMessage ?? null, JSON.stringify(span.attributes), span.events.length ? JSON.stringify(span.events) : "[]", span.service ?? null,
      ).changes;
      if (inserted === 0 || !runId) continue; // a redelivered span changes nothing
      runOf.set(`${span.traceId}/${span.spanId}`, runId);
      if (isAttempt(span)) samples.push(attemptSample(span));
      if (isRunRoot(span)) touched.set(runId, span);
      else {
        if (!touched.has(runId)) touched.set(runId, undefined);
        const list = batchChildren.get(runId);
        if (list) list.push(span);
        else batchChildren.set(runId, [span]);
      }
    }
    const changed: RunSummary[] = [];
    const now = Date.now();
    for (const [runId, root] of touched) {
      const stored = runState.get(runId);
      if (root) {
        storeGraphs(root);
        // Children from earlier batches are already in the provisional row's search text; no need to re-read them.
        const run = runFromRoot(root, batchChildren.get(runId) ?? []);
        const earlier = stored?.search ?? "";
        writeRun.run(rowFromRun(run, root.spanId, earlier ? `${run.search} ${earlier}`.slice(0, 8000) : run.search, now));
        samples.push(runSample(run));
        changed.push(stripSearch(run));
      } else if (!stored?.root_span_id) {
        // Late children of a finished run change nothing the list shows; only open runs are re-summarised.
        const run = runFromChildren(runId, spansOfRun.all(runId).map(spanFromRow));
        writeRun.run(rowFromRun(run, null, run.search, now));
        changed.push(stripSearch(run));
      }
    }
    if (samples.length) addToRollups(samples);
    return changed;
  });
};

const stripSearch = ({ search: _search, ...run }: RunSummary & { readonly search: string }): RunSummary => run;
