import type { RouteGraph } from "@switchyard/core";
import type { Attributes } from "../otlp/ingest-span.js";

/** A run's state in the store: `running` until its root span lands. */
export type RunStatus = "running" | "ok" | "error";

/**
 * One run as the runs list shows it. Every token class is its own field (cached and
 * reasoning tokens are parts of input and output, never added twice).
 * @example
 * const r: RunSummary = { runId: "r1", traceId: "t", route: "support", status: "ok", startMs: 0, attempts: 1, path: [], usage: {} };
 */
export interface RunSummary {
  readonly runId: string;
  readonly traceId: string;
  readonly route: string;
  readonly label?: string;
  readonly model?: string;
  readonly service?: string;
  readonly status: RunStatus;
  readonly errorType?: string;
  readonly errorMessage?: string;
  readonly startMs: number;
  readonly endMs?: number;
  readonly durationMs?: number;
  readonly ttftMs?: number;
  readonly attempts: number;
  readonly costUsd?: number;
  readonly usage: {
    readonly inputTokens?: number;
    readonly outputTokens?: number;
    readonly cachedInputTokens?: number;
    readonly cacheWriteInputTokens?: number;
    readonly reasoningTokens?: number;
  };
  readonly path: ReadonlyArray<string>;
  readonly graphHash?: string;
}

/** A stored span. @example const s: SpanView = detail.spans[0]; */
export interface SpanView {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly runId?: string;
  readonly name: string;
  readonly kind: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly statusCode: number;
  readonly statusMessage?: string;
  readonly attributes: Attributes;
  readonly events: ReadonlyArray<{ readonly name: string; readonly timeMs: number; readonly attributes: Attributes }>;
  readonly service?: string;
}

/** One provider attempt of a run, read from its `chat {model}` span. @example detail.attempts.map((a) => a.outcome); */
export interface AttemptView {
  readonly spanId: string;
  readonly index: number;
  readonly kind: string;
  readonly model: string;
  readonly provider?: string;
  readonly providerModel?: string;
  readonly responseModel?: string;
  readonly outcome: string;
  readonly errorType?: string;
  readonly errorMessage?: string;
  readonly startMs: number;
  readonly durationMs: number;
  readonly ttftMs?: number;
  readonly waitedMs?: number;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly cachedInputTokens?: number;
  readonly reasoningTokens?: number;
  readonly costUsd?: number;
  readonly finishReasons?: ReadonlyArray<string>;
  /** `gen_ai.input.messages` JSON, only when the app captured content. */
  readonly inputMessages?: string;
  readonly outputMessages?: string;
}

/** Everything the run page shows. @example const d: RunDetail = await (await fetch(`/api/runs/${id}`)).json(); */
export interface RunDetail {
  readonly run: RunSummary;
  readonly spans: ReadonlyArray<SpanView>;
  readonly attempts: ReadonlyArray<AttemptView>;
  readonly graph?: RouteGraph;
}

/** A page of runs, newest first. @example if (page.nextCursor) load(page.nextCursor); */
export interface RunsPage {
  readonly runs: ReadonlyArray<RunSummary>;
  readonly nextCursor?: string;
}

/**
 * Token counts as disjoint lines, so every token is counted once and the lines add up to
 * the total: `input` excludes the cached and cache-write tokens it would otherwise include,
 * `output` excludes the reasoning tokens.
 */
export interface TokenLines {
  readonly input: number;
  readonly cachedInput: number;
  readonly cacheWriteInput: number;
  readonly output: number;
  readonly reasoning: number;
}

/**
 * Aggregates over one group: finished runs (totals, time buckets, routes) or provider
 * attempts (models). Quantiles come from a mergeable sketch and are within 1% of a true
 * duration.
 */
export interface RunAggregate {
  /** Runs, or attempts for a model. */
  readonly count: number;
  readonly errors: number;
  readonly errorRate: number;
  readonly p50Ms?: number;
  readonly p95Ms?: number;
  readonly p99Ms?: number;
  readonly tokens: TokenLines;
  readonly costUsd: number;
}

/**
 * A route's runs or a model's attempts. For a model, tokens and cost are those of its own
 * attempts (a failed or invalid attempt's spend stays with the model that made it), and
 * `wins` counts the answers it gave.
 */
export interface GroupAggregate extends RunAggregate {
  readonly key: string;
  readonly wins: number;
  readonly costSeries: ReadonlyArray<number>;
}

/**
 * The dashboard: totals, a time series, and breakdowns by route (runs) and by model
 * (attempts). The window is widened to whole `grainMs` slots (the rollup resolution used).
 */
export interface Dashboard {
  readonly fromMs: number;
  readonly toMs: number;
  readonly bucketMs: number;
  readonly grainMs: number;
  readonly totals: RunAggregate;
  readonly buckets: ReadonlyArray<RunAggregate & { readonly startMs: number }>;
  readonly byModel: ReadonlyArray<GroupAggregate>;
  readonly byRoute: ReadonlyArray<GroupAggregate>;
}

/** Distinct values for the filter dropdowns. */
export interface FilterOptions {
  readonly routes: ReadonlyArray<string>;
  readonly models: ReadonlyArray<string>;
}

/** What the live channel (`GET /api/live`, SSE) sends: one event per new or updated run. */
export interface LiveRunEvent {
  readonly type: "run";
  readonly run: RunSummary;
}
