import { Attr } from "@switchyard/core";
import type { RunSummary } from "../api/api-types.js";
import type { IngestSpan } from "../otlp/ingest-span.js";
import type { Db } from "./open-database.js";
import { num, str } from "./read-attributes.js";
import type { RollupSample } from "./rollup-cell.js";
import { makeRollupWriter } from "./rollups.js";
import { isAttempt } from "./run-from-spans.js";
import { runFromRow, spanFromRow, type RunRow, type SpanRow } from "./run-rows.js";

/** A finished run, counted under its route. @example addToRollups([runSample(run)]); */
export const runSample = (run: RunSummary): RollupSample => ({
  kind: "route",
  key: run.route,
  startMs: run.startMs,
  durationMs: run.durationMs ?? 0,
  error: run.status === "error",
  win: run.status === "ok",
  input: run.usage.inputTokens ?? 0,
  cachedInput: run.usage.cachedInputTokens ?? 0,
  cacheWriteInput: run.usage.cacheWriteInputTokens ?? 0,
  output: run.usage.outputTokens ?? 0,
  reasoning: run.usage.reasoningTokens ?? 0,
  costUsd: run.costUsd ?? 0,
});

/**
 * A provider attempt, counted under the model that made it, with its own tokens and cost:
 * a failed first model's spend is its own, not the winner's.
 * @example
 * spans.filter(isAttempt).map(attemptSample);
 */
export const attemptSample = (span: Pick<IngestSpan, "startMs" | "endMs" | "statusCode" | "attributes">): RollupSample => {
  const a = span.attributes;
  const outcome = str(a, Attr.attemptOutcome);
  return {
    kind: "model",
    key: str(a, Attr.model) ?? str(a, Attr.genAiRequestModel) ?? "(unknown)",
    startMs: span.startMs,
    durationMs: Math.max(0, span.endMs - span.startMs),
    error: outcome === "error" || outcome === "invalid" || (outcome === undefined && span.statusCode === 2),
    win: outcome === "success",
    input: num(a, Attr.genAiInputTokens) ?? 0,
    cachedInput: num(a, Attr.cachedInputTokens) ?? 0,
    cacheWriteInput: num(a, Attr.cacheWriteInputTokens) ?? 0,
    output: num(a, Attr.genAiOutputTokens) ?? 0,
    reasoning: num(a, Attr.reasoningTokens) ?? 0,
    costUsd: num(a, Attr.costUsd) ?? 0,
  };
};

/**
 * Recomputes every rollup from the stored runs and attempt spans (used when an older store
 * is upgraded). Reads row by row, so memory stays bounded by the number of rollup cells.
 * @example
 * db.transaction(() => rebuildRollups(db))();
 */
export const rebuildRollups = (db: Db): void => {
  db.exec("DELETE FROM rollups");
  const add = makeRollupWriter(db);
  const samples: RollupSample[] = [];
  for (const row of db.prepare<[], RunRow>("SELECT * FROM runs WHERE root_span_id IS NOT NULL").iterate()) samples.push(runSample(runFromRow(row)));
  for (const row of db.prepare<[], SpanRow>("SELECT * FROM spans WHERE name LIKE 'chat %'").iterate()) {
    const span = spanFromRow(row);
    if (isAttempt(span)) samples.push(attemptSample(span));
  }
  add(samples);
};
