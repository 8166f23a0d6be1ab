import type { RunStatus, RunSummary, SpanView } from "../api/api-types.js";
import type { Attributes, IngestSpan } from "../otlp/ingest-span.js";

/** A `runs` table row as SQLite returns it. */
export interface RunRow {
  run_id: string;
  trace_id: string;
  root_span_id: string | null;
  route: string;
  label: string | null;
  model: string | null;
  service: string | null;
  status: string;
  error_type: string | null;
  error_message: string | null;
  start_ms: number;
  end_ms: number | null;
  duration_ms: number | null;
  ttft_ms: number | null;
  attempts: number;
  cost_usd: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cached_input_tokens: number | null;
  cache_write_input_tokens: number | null;
  reasoning_tokens: number | null;
  path: string;
  graph_hash: string | null;
  search: string;
  updated_ms: number;
}

/** A `spans` table row. */
export interface SpanRow {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  run_id: string | null;
  name: string;
  kind: number;
  start_ms: number;
  end_ms: number;
  status_code: number;
  status_message: string | null;
  attributes: string;
  events: string;
  service: string | null;
}

const opt = <K extends string, V>(key: K, v: V | null): { [P in K]?: V } => (v === null ? {} : ({ [key]: v } as { [P in K]?: V }));

/** Row → API shape. @example rows.map(runFromRow); */
export const runFromRow = (r: RunRow): RunSummary => ({
  runId: r.run_id,
  traceId: r.trace_id,
  route: r.route,
  ...opt("label", r.label),
  ...opt("model", r.model),
  ...opt("service", r.service),
  status: r.status as RunStatus,
  ...opt("errorType", r.error_type),
  ...opt("errorMessage", r.error_message),
  startMs: r.start_ms,
  ...opt("endMs", r.end_ms),
  ...opt("durationMs", r.duration_ms),
  ...opt("ttftMs", r.ttft_ms),
  attempts: r.attempts,
  ...opt("costUsd", r.cost_usd),
  usage: {
    ...opt("inputTokens", r.input_tokens),
    ...opt("outputTokens", r.output_tokens),
    ...opt("cachedInputTokens", r.cached_input_tokens),
    ...opt("cacheWriteInputTokens", r.cache_write_input_tokens),
    ...opt("reasoningTokens", r.reasoning_tokens),
  },
  path: JSON.parse(r.path) as string[],
  ...opt("graphHash", r.graph_hash),
});

/** API shape → row parameters (named, for `INSERT ... VALUES (@run_id, ...)`). @example insert.run(rowFromRun(run, search, Date.now())); */
export const rowFromRun = (run: RunSummary, rootSpanId: string | null, search: string, updatedMs: number): RunRow => ({
  run_id: run.runId,
  trace_id: run.traceId,
  root_span_id: rootSpanId,
  route: run.route,
  label: run.label ?? null,
  model: run.model ?? null,
  service: run.service ?? null,
  status: run.status,
  error_type: run.errorType ?? null,
  error_message: run.errorMessage ?? null,
  start_ms: run.startMs,
  end_ms: run.endMs ?? null,
  duration_ms: run.durationMs ?? null,
  ttft_ms: run.ttftMs ?? null,
  attempts: run.attempts,
  cost_usd: run.costUsd ?? null,
  input_tokens: run.usage.inputTokens ?? null,
  output_tokens: run.usage.outputTokens ?? null,
  cached_input_tokens: run.usage.cachedInputTokens ?? null,
  cache_write_input_tokens: run.usage.cacheWriteInputTokens ?? null,
  reasoning_tokens: run.usage.reasoningTokens ?? null,
  path: JSON.stringify(run.path),
  graph_hash: run.graphHash ?? null,
  search,
  updated_ms: updatedMs,
});

/** Span row → the decoded span. @example const s = spanFromRow(row); */
export const spanFromRow = (r: SpanRow): IngestSpan & SpanView => ({
  traceId: r.trace_id,
  spanId: r.span_id,
  ...opt("parentSpanId", r.parent_span_id),
  ...opt("runId", r.run_id),
  name: r.name,
  kind: r.kind,
  startMs: r.start_ms,
  endMs: r.end_ms,
  statusCode: r.status_code,
  ...opt("statusMessage", r.status_message),
  attributes: JSON.parse(r.attributes) as Attributes,
  events: JSON.parse(r.events) as IngestSpan["events"],
  ...opt("service", r.service),
});
