import { Attr, SpanName } from "@switchyard/core";
import type { RunSummary } from "../api/api-types.js";
import type { IngestSpan } from "../otlp/ingest-span.js";
import type { Db } from "./open-database.js";
import { str } from "./read-attributes.js";
import { isRunRoot, runFromChildren, runFromRoot } from "./run-from-spans.js";
import { rowFromRun, spanFromRow, type SpanRow } from "./run-rows.js";

/**
 * Builds the ingest function: it stores a batch of spans in one transaction and returns
 * every run the batch created or changed. A run appears (as `running`) with its first span
 * and becomes final when its root span lands; a span without `switchyard.run_id` joins the
 * run of its parent when the parent is known.
 * @example
 * const ingest = makeIngest(db);
 * const changed = ingest(spans); // broadcast these to live viewers
 */
export const makeIngest = (db: Db): ((spans: ReadonlyArray<IngestSpan>) => RunSummary[]) => {
  const insertSpan = db.prepare(
    `INSERT OR REPLACE INTO spans (trace_id, span_id, parent_span_id, run_id, name, kind, start_ms, end_ms, status_code, status_message, attributes, events, service)
     VALUES (@trace_id, @span_id, @parent_span_id, @run_id, @name, @kind, @start_ms, @end_ms, @status_code, @status_message, @attributes, @events, @service)`,
  );
  const runOfSpan = db.prepare<[string, string], string | null>("SELECT run_id FROM spans WHERE trace_id = ? AND span_id = ?").pluck();
  const rootOfRun = db.prepare<[string], string | null>("SELECT root_span_id FROM runs WHERE run_id = ?").pluck();
  const searchOfRun = db.prepare<[string], string>("SELECT search FROM runs WHERE run_id = ?").pluck();
  const spansOfRun = db.prepare<[string], SpanRow>("SELECT * FROM spans WHERE run_id = ?");
  const writeRun = db.prepare(
    `INSERT OR REPLACE INTO runs (run_id, trace_id, root_span_id, route, label, model, service, status, error_type, error_message, start_ms, end_ms,
       duration_ms, ttft_ms, attempts, cost_usd, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, path, graph_hash, search, updated_ms)
     VALUES (@run_id, @trace_id, @root_span_id, @route, @label, @model, @service, @status, @error_type, @error_message, @start_ms, @end_ms,
       @duration_ms, @ttft_ms, @attempts, @cost_usd, @input_tokens, @output_tokens, @cached_input_tokens, @reasoning_tokens, @path, @graph_hash, @search, @updated_ms)`,
  );
  const writeGraph = db.prepare("INSERT OR IGNORE INTO graphs (hash, route, graph, received_ms) VALUES (?, ?, ?, ?)");

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
    for (const span of spans) {
      const key = `${span.traceId}/${span.spanId}`;
      const runId =
        str(span.attributes, Attr.runId) ??
        (span.parentSpanId ? (runOf.get(`${span.traceId}/${span.parentSpanId}`) ?? runOfSpan.get(span.traceId, span.parentSpanId) ?? undefined) : undefined);
      if (runId) {
        runOf.set(key, runId);
        if (isRunRoot(span)) touched.set(runId, span);
        else {
          if (!touched.has(runId)) touched.set(runId, undefined);
          const list = batchChildren.get(runId);
          if (list) list.push(span);
          else batchChildren.set(runId, [span]);
        }
      }
      insertSpan.run({
        trace_id: span.traceId,
        span_id: span.spanId,
        parent_span_id: span.parentSpanId ?? null,
        run_id: runId ?? null,
        name: span.name,
        kind: span.kind,
        start_ms: span.startMs,
        end_ms: span.endMs,
        status_code: span.statusCode,
        status_message: span.statusMessage ?? null,
        attributes: JSON.stringify(span.attributes),
        events: JSON.stringify(span.events),
        service: span.service ?? null,
      });
    }
    const changed: RunSummary[] = [];
    const now = Date.now();
    for (const [runId, root] of touched) {
      if (root) {
        storeGraphs(root);
        // Children from earlier batches are already in the provisional row's search text; no need to re-read them.
        const run = runFromRoot(root, batchChildren.get(runId) ?? []);
        const earlier = searchOfRun.get(runId) ?? "";
        writeRun.run(rowFromRun(run, root.spanId, earlier ? `${run.search} ${earlier}`.slice(0, 8000) : run.search, now));
        changed.push(stripSearch(run));
      } else if (!rootOfRun.get(runId)) {
        // Late children of a finished run change nothing the list shows; only open runs are re-summarised.
        const run = runFromChildren(runId, spansOfRun.all(runId).map(spanFromRow));
        writeRun.run(rowFromRun(run, null, run.search, now));
        changed.push(stripSearch(run));
      }
    }
    return changed;
  });
};

const stripSearch = ({ search: _search, ...run }: RunSummary & { readonly search: string }): RunSummary => run;
