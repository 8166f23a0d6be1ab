import { Attr } from "@switchyard/core";
import type { IngestSpan } from "../src/otlp/ingest-span.js";

/** One provider attempt of a fake run; it sits under the run's n-th `call` state. */
export interface FakeAttempt {
  readonly model: string;
  readonly outcome: "success" | "error" | "invalid" | "cancelled";
  readonly kind?: string;
  readonly startMs: number;
  readonly durationMs: number;
  readonly costUsd?: number;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly cachedInputTokens?: number;
  readonly reasoningTokens?: number;
  readonly errorType?: string;
}

/** A fake run as decoded spans. */
export interface FakeRun {
  readonly index: number;
  readonly startMs: number;
  readonly durationMs: number;
  readonly route: string;
  /** States in order, 10 ms each from `startMs`; attempts go under the `call` ones in turn. */
  readonly states: ReadonlyArray<string>;
  readonly attempts: ReadonlyArray<FakeAttempt>;
  readonly failed?: boolean;
  readonly errorMessage?: string;
}

const hex = (n: number, len: number) => n.toString(16).padStart(len, "0").slice(-len);
const sum = (xs: ReadonlyArray<FakeAttempt>, f: (a: FakeAttempt) => number | undefined) => xs.reduce((t, a) => t + (f(a) ?? 0), 0);

/**
 * The spans the observer would export for a run, without an SDK: states (the final one as an
 * event on the root), attempts, then the root (the order a batch span processor delivers
 * them). Run totals are the attempts' sums, as the router computes them. Ids derive from
 * `index`, so runs never collide.
 * @example
 * store.ingest(fakeRunSpans({ index: 1, startMs: Date.now(), durationMs: 80, route: "support", states: ["call", "done"],
 *   attempts: [{ model: "m", outcome: "success", startMs: Date.now(), durationMs: 50, costUsd: 0.001 }] }));
 */
export const fakeRunSpans = (run: FakeRun): IngestSpan[] => {
  const runId = `run-${run.index}`;
  const traceId = hex(run.index + 1, 32);
  const rootId = hex(run.index * 64 + 1, 16);
  const base = { traceId, kind: 1, events: [], service: "fake" } as const;
  // As the observer does: the final state (done or failed) is an event on the root, not a span.
  const last = run.states.at(-1);
  const final = last === "done" || last === "failed" ? last : undefined;
  const spanStates = final === undefined ? run.states : run.states.slice(0, -1);
  const stateSpans = spanStates.map((state, k): IngestSpan => ({
    ...base, spanId: hex(run.index * 64 + 2 + k, 16), parentSpanId: rootId, name: `switchyard.state ${state}`,
    startMs: run.startMs + k * 10, endMs: run.startMs + k * 10 + 9, statusCode: 0,
    attributes: { [Attr.state]: state, [Attr.runId]: runId, [Attr.route]: run.route },
  }));
  const callStates = stateSpans.filter((s) => s.attributes[Attr.state] === "call");
  const attemptSpans = run.attempts.map((a, k): IngestSpan => ({
    ...base, kind: 3, spanId: hex(run.index * 64 + 32 + k, 16), parentSpanId: (callStates[k] ?? callStates[callStates.length - 1])?.spanId ?? rootId,
    name: `chat ${a.model}`, startMs: a.startMs, endMs: a.startMs + a.durationMs, statusCode: a.outcome === "error" || a.outcome === "invalid" ? 2 : 0,
    attributes: {
      [Attr.runId]: runId, [Attr.route]: run.route, [Attr.model]: a.model, [Attr.attemptIndex]: k + 1, [Attr.attemptKind]: a.kind ?? (k ? "fallback" : "call"),
      [Attr.attemptOutcome]: a.outcome, [Attr.genAiRequestModel]: a.model,
      ...(a.inputTokens !== undefined ? { [Attr.genAiInputTokens]: a.inputTokens } : {}),
      ...(a.outputTokens !== undefined ? { [Attr.genAiOutputTokens]: a.outputTokens } : {}),
      ...(a.cachedInputTokens !== undefined ? { [Attr.cachedInputTokens]: a.cachedInputTokens } : {}),
      ...(a.reasoningTokens !== undefined ? { [Attr.reasoningTokens]: a.reasoningTokens } : {}),
      ...(a.costUsd !== undefined ? { [Attr.costUsd]: a.costUsd } : {}),
      ...(a.errorType ? { [Attr.errorType]: a.errorType } : {}),
    },
  }));
  const winner = run.failed ? undefined : [...run.attempts].reverse().find((a) => a.outcome === "success");
  const finalEvents = final === undefined ? [] : [{ name: "switchyard.state", timeMs: run.startMs + spanStates.length * 10, attributes: { [Attr.state]: final } }];
  const root: IngestSpan = {
    ...base, events: finalEvents, spanId: rootId, name: `switchyard.route ${run.route}`, startMs: run.startMs, endMs: run.startMs + run.durationMs, statusCode: run.failed ? 2 : 0,
    attributes: {
      [Attr.runId]: runId, [Attr.route]: run.route, [Attr.path]: [...run.states], [Attr.attempts]: run.attempts.length, [Attr.graphHash]: "fake-graph",
      [Attr.costUsd]: sum(run.attempts, (a) => a.costUsd),
      [Attr.genAiInputTokens]: sum(run.attempts, (a) => a.inputTokens), [Attr.genAiOutputTokens]: sum(run.attempts, (a) => a.outputTokens),
      [Attr.cachedInputTokens]: sum(run.attempts, (a) => a.cachedInputTokens), [Attr.reasoningTokens]: sum(run.attempts, (a) => a.reasoningTokens),
      ...(winner ? { [Attr.model]: winner.model } : {}),
      ...(run.failed ? { [Attr.errorType]: "NoRouteAvailable", [Attr.errorMessage]: run.errorMessage ?? "every model failed" } : {}),
    },
  };
  return [...stateSpans, ...attemptSpans, root];
};
