import type { RouteGraph } from "@switchyard/core";
import { Attr } from "@switchyard/core";
import type { AttemptView, FilterOptions, RunDetail, RunsPage, SpanView } from "../api/api-types.js";
import type { RunFilter } from "../api/run-filter.js";
import type { Db } from "./open-database.js";
import { num, str, strs } from "./read-attributes.js";
import { isAttempt } from "./run-from-spans.js";
import { runFromRow, spanFromRow, type RunRow, type SpanRow } from "./run-rows.js";

// The cursor is the last row's sort key, so a page never skips or repeats a run while new ones arrive.
const encodeCursor = (row: RunRow): string => Buffer.from(JSON.stringify([row.start_ms, row.run_id])).toString("base64url");
const decodeCursor = (cursor: string): [number, string] | undefined => {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return Array.isArray(v) && typeof v[0] === "number" && typeof v[1] === "string" ? [v[0], v[1]] : undefined;
  } catch {
    return undefined;
  }
};

// Above this many full-text matches, reading them all and sorting costs more than scanning.
const MANY_MATCHES = 2000;

/**
 * The FTS5 query for what a user typed: every word must occur, each as a prefix of a token
 * sequence ("gpt-4o" is the phrase "gpt" "4o"; "parc" finds "parcel"). Words are quoted, so
 * FTS5 operators in the input are plain text. Undefined when no word has a letter or digit.
 * @example
 * ftsQuery('rate limited "429'); // '"rate"* "limited"* """429"*'
 */
export const ftsQuery = (q: string): string | undefined => {
  const words = q
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, 16);
  return words.length ? words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(" ") : undefined;
};

/**
 * Lists runs newest first with the filters applied; `nextCursor` fetches the following page.
 * An unreadable cursor starts from the top rather than failing. `q` searches the full-text
 * index (route, model, ids, errors, captured content) by word prefix.
 * @example
 * listRuns(db, { route: "support", status: "error", limit: 50 });
 */
export const listRuns = (db: Db, f: RunFilter): RunsPage => {
  const where: string[] = [];
  const params: Array<string | number> = [];
  const add = (sql: string, ...values: Array<string | number>) => {
    where.push(sql);
    params.push(...values);
  };
  if (f.route) add("route = ?", f.route);
  if (f.model) add("model = ?", f.model);
  if (f.status) add("status = ?", f.status);
  if (f.minCostUsd !== undefined) add("cost_usd >= ?", f.minCostUsd);
  if (f.maxCostUsd !== undefined) add("cost_usd <= ?", f.maxCostUsd);
  if (f.minLatencyMs !== undefined) add("duration_ms >= ?", f.minLatencyMs);
  if (f.maxLatencyMs !== undefined) add("duration_ms <= ?", f.maxLatencyMs);
  if (f.from !== undefined) add("start_ms >= ?", f.from);
  if (f.to !== undefined) add("start_ms <= ?", f.to);
  const match = f.q ? ftsQuery(f.q) : undefined;
  if (match) {
    // Few matches: fetch them by rowid and sort. Many: walk the newest-first index and test
    // each row against the match set (`+rowid` keeps SQLite from fetching all of them).
    const many = (db.prepare<[string], number>(`SELECT count(*) FROM (SELECT 1 FROM runs_fts WHERE runs_fts MATCH ? LIMIT ${MANY_MATCHES})`).pluck().get(match) ?? 0) >= MANY_MATCHES;
    add(`${many ? "+rowid" : "rowid"} IN (SELECT rowid FROM runs_fts WHERE runs_fts MATCH ?)`, match);
  }
  const cursor = f.cursor ? decodeCursor(f.cursor) : undefined;
  if (cursor) add("(start_ms < ? OR (start_ms = ? AND run_id < ?))", cursor[0], cursor[0], cursor[1]);
  const limit = f.limit ?? 100;
  const rows = db
    .prepare<Array<string | number>, RunRow>(
      `SELECT * FROM runs ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY start_ms DESC, run_id DESC LIMIT ?`,
    )
    .all(...params, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { runs: page.map(runFromRow), ...(rows.length > limit && last ? { nextCursor: encodeCursor(last) } : {}) };
};

const attemptFromSpan = (s: SpanView): AttemptView => {
  const a = s.attributes;
  const pick = <K extends string, V>(key: K, v: V | undefined) => (v === undefined ? {} : ({ [key]: v } as { [P in K]?: V }));
  return {
    spanId: s.spanId,
    index: num(a, Attr.attemptIndex) ?? 0,
    kind: str(a, Attr.attemptKind) ?? "call",
    model: str(a, Attr.model) ?? "",
    outcome: str(a, Attr.attemptOutcome) ?? (s.statusCode === 2 ? "error" : "success"),
    startMs: s.startMs,
    durationMs: s.endMs - s.startMs,
    ...pick("provider", str(a, Attr.genAiProvider)),
    ...pick("providerModel", str(a, Attr.genAiRequestModel)),
    ...pick("responseModel", str(a, Attr.genAiResponseModel)),
    ...pick("errorType", str(a, Attr.errorType)),
    ...pick("errorMessage", str(a, Attr.errorMessage) ?? s.statusMessage),
    ...pick("ttftMs", num(a, Attr.ttftMs)),
    ...pick("waitedMs", num(a, Attr.waitedMs)),
    ...pick("inputTokens", num(a, Attr.genAiInputTokens)),
    ...pick("outputTokens", num(a, Attr.genAiOutputTokens)),
    ...pick("cachedInputTokens", num(a, Attr.cachedInputTokens)),
    ...pick("reasoningTokens", num(a, Attr.reasoningTokens)),
    ...pick("costUsd", num(a, Attr.costUsd)),
    ...pick("finishReasons", strs(a, Attr.genAiFinishReasons)),
    ...pick("inputMessages", str(a, Attr.genAiInputMessages)),
    ...pick("outputMessages", str(a, Attr.genAiOutputMessages)),
  };
};

/**
 * One run with its spans (including foreign spans nested under them, such as HTTP client
 * spans), its attempts and its route graph, or undefined when the store has no such run.
 * @example
 * const detail = getRun(db, "run-1");
 */
export const getRun = (db: Db, runId: string): RunDetail | undefined => {
  const row = db.prepare<[string], RunRow>("SELECT * FROM runs WHERE run_id = ?").get(runId);
  if (!row) return undefined;
  // Ties on start (OTel JS stamps starts in whole ms) go to the span that arrived first; see
  // runFromChildren for why arrival, not the stamped end, is the real order.
  const traceSpans = db.prepare<[string], SpanRow>("SELECT * FROM spans WHERE trace_id = ? ORDER BY start_ms, rowid").all(row.trace_id).map(spanFromRow);
  const mine = new Set(traceSpans.filter((s) => s.runId === runId).map((s) => s.spanId));
  // Descendants that arrived before their switchyard parent still belong to the run.
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of traceSpans) {
      if (!mine.has(s.spanId) && s.parentSpanId && mine.has(s.parentSpanId)) {
        mine.add(s.spanId);
        grew = true;
      }
    }
  }
  const spans = traceSpans.filter((s) => mine.has(s.spanId));
  const graphRow = row.graph_hash
    ? db.prepare<[string], { graph: string }>("SELECT graph FROM graphs WHERE hash = ?").get(row.graph_hash)
    : db.prepare<[string], { graph: string }>("SELECT graph FROM graphs WHERE route = ? ORDER BY received_ms DESC LIMIT 1").get(row.route);
  return {
    run: runFromRow(row),
    spans,
    attempts: spans.filter(isAttempt).map(attemptFromSpan).sort((x, y) => x.index - y.index),
    ...(graphRow ? { graph: JSON.parse(graphRow.graph) as RouteGraph } : {}),
  };
};

// Distinct values by hopping through the column's index (one seek per value), instead of
// reading every entry: milliseconds at 100k runs become microseconds.
const distinct = (db: Db, column: "route" | "model"): string[] =>
  db
    .prepare<[], string>(
      `WITH RECURSIVE v(x) AS (SELECT MIN(${column}) FROM runs WHERE ${column} > ''
         UNION ALL SELECT (SELECT MIN(${column}) FROM runs WHERE ${column} > v.x) FROM v WHERE v.x IS NOT NULL)
       SELECT x FROM v WHERE x IS NOT NULL`,
    )
    .pluck()
    .all();

/**
 * Distinct routes and models for the filter dropdowns.
 * @example
 * filterOptions(db).routes; // ["extract", "support"]
 */
export const filterOptions = (db: Db): FilterOptions => ({ routes: distinct(db, "route"), models: distinct(db, "model") });
