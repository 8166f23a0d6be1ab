import { Attr, SpanName } from "@switchyard/core";
import type { RunSummary } from "../api/api-types.js";
import type { IngestSpan } from "../otlp/ingest-span.js";
import { num, str, strs } from "./read-attributes.js";

/** Is this the root span of a routed run (`switchyard.route {route}`)? @example isRunRoot(span); */
export const isRunRoot = (span: Pick<IngestSpan, "name" | "attributes">): boolean =>
  span.name.startsWith(`${SpanName.route} `) && str(span.attributes, Attr.runId) !== undefined;

/** Is this a provider attempt span? @example spans.filter(isAttempt); */
export const isAttempt = (span: Pick<IngestSpan, "attributes">): boolean => num(span.attributes, Attr.attemptIndex) !== undefined;

const searchText = (parts: ReadonlyArray<string | undefined>): string =>
  parts
    .filter((p): p is string => !!p)
    .join(" ")
    .toLowerCase()
    .slice(0, 4000);

const attemptSearchParts = (spans: ReadonlyArray<IngestSpan>): string[] =>
  spans.filter(isAttempt).flatMap((s) => [
    str(s.attributes, Attr.genAiRequestModel),
    str(s.attributes, Attr.model),
    str(s.attributes, Attr.errorType),
    str(s.attributes, Attr.errorMessage),
    str(s.attributes, Attr.genAiInputMessages)?.slice(0, 1000),
    str(s.attributes, Attr.genAiOutputMessages)?.slice(0, 1000),
  ].filter((p): p is string => !!p));

/**
 * The finished run its root span describes (the root carries the run's totals).
 * `children` only feed the free-text search.
 * @example
 * const run = runFromRoot(root, spansOfRun);
 */
export const runFromRoot = (root: IngestSpan, children: ReadonlyArray<IngestSpan>): RunSummary & { readonly search: string } => {
  const a = root.attributes;
  const route = str(a, Attr.route) ?? root.name.slice(SpanName.route.length + 1);
  const runId = str(a, Attr.runId) ?? root.spanId;
  const errorType = str(a, Attr.errorType);
  const errorMessage = str(a, Attr.errorMessage) ?? root.statusMessage;
  const model = str(a, Attr.model);
  const label = str(a, Attr.label);
  return {
    runId,
    traceId: root.traceId,
    route,
    ...(label ? { label } : {}),
    ...(model ? { model } : {}),
    ...(root.service ? { service: root.service } : {}),
    status: root.statusCode === 2 ? "error" : "ok",
    ...(errorType ? { errorType } : {}),
    ...(errorMessage ? { errorMessage } : {}),
    startMs: root.startMs,
    endMs: root.endMs,
    durationMs: root.endMs - root.startMs,
    ...optional("ttftMs", num(a, Attr.ttftMs)),
    attempts: num(a, Attr.attempts) ?? children.filter(isAttempt).length,
    ...optional("costUsd", num(a, Attr.costUsd)),
    usage: {
      ...optional("inputTokens", num(a, Attr.genAiInputTokens)),
      ...optional("outputTokens", num(a, Attr.genAiOutputTokens)),
      ...optional("cachedInputTokens", num(a, Attr.cachedInputTokens)),
      ...optional("cacheWriteInputTokens", num(a, Attr.cacheWriteInputTokens)),
      ...optional("reasoningTokens", num(a, Attr.reasoningTokens)),
    },
    path: strs(a, Attr.path) ?? [],
    ...(str(a, Attr.graphHash) ? { graphHash: str(a, Attr.graphHash) } : {}),
    search: searchText([runId, root.traceId, route, label, model, errorType, errorMessage, ...attemptSearchParts(children)]),
  };
};

/**
 * A provisional run assembled from the spans that landed before its root: shown at once
 * as `running`, with the attempts, cost and path seen so far. `spans` come in arrival order.
 * @example
 * const run = runFromChildren("run-1", spansSoFar);
 */
export const runFromChildren = (runId: string, spans: ReadonlyArray<IngestSpan>): RunSummary & { readonly search: string } => {
  // OTel JS stamps a span's start with Date.now() (whole ms) and its end as start + duration, so
  // states entered within one ms tie on start, and a long state can carry a later stamped end
  // than the short one after it. Exporters hand spans over as they end, and a state ends when
  // the next begins: arrival order is the real order, and the stable sort keeps it on ties.
  const sorted = [...spans].sort((x, y) => x.startMs - y.startMs);
  const first = sorted[0];
  const attempts = sorted.filter(isAttempt);
  const route = sorted.map((s) => str(s.attributes, Attr.route)).find((r) => r !== undefined) ?? "";
  const winner = [...attempts].reverse().find((s) => str(s.attributes, Attr.attemptOutcome) === "success");
  const model = winner ? str(winner.attributes, Attr.model) : undefined;
  const costs = attempts.map((s) => num(s.attributes, Attr.costUsd)).filter((c): c is number => c !== undefined);
  const sum = (key: string) => attempts.reduce((t, s) => t + (num(s.attributes, key) ?? 0), 0);
  return {
    runId,
    traceId: first?.traceId ?? "",
    route,
    ...(model ? { model } : {}),
    ...(first?.service ? { service: first.service } : {}),
    status: "running",
    startMs: first?.startMs ?? Date.now(),
    attempts: attempts.length,
    ...(costs.length > 0 ? { costUsd: costs.reduce((t, c) => t + c, 0) } : {}),
    usage: attempts.length > 0 ? { inputTokens: sum(Attr.genAiInputTokens), outputTokens: sum(Attr.genAiOutputTokens) } : {},
    path: sorted.map((s) => str(s.attributes, Attr.state)).filter((s): s is string => s !== undefined),
    search: searchText([runId, first?.traceId, route, model, ...attemptSearchParts(sorted)]),
  };
};

const optional = <K extends string>(key: K, value: number | undefined): { [P in K]?: number } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
