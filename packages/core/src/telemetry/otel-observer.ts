import { context, metrics, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Meter, type Span, type Tracer } from "@opentelemetry/api";
import type { SwitchyardError } from "../errors/index.js";
import type { RouteGraph } from "../graph/route-graph.js";
import type { ChatResponse, Usage } from "../schema/index.js";
import type { AttemptRecord, RunInfo } from "../runtime/run-info.js";
import type { AttemptStart, AttemptTrace, RunObserver, RunStart, RunTrace } from "../runtime/run-observer.js";
import { Attr, SpanName } from "./attribute-names.js";
import { inputMessagesJson, outputMessagesJson, toGenAiFinishReason } from "./gen-ai-messages.js";
import { makeRunMetrics, type RunMetrics } from "./run-metrics.js";

/** Options of {@link otelObserver}. */
export interface OtelObserverOptions {
  /** Defaults to the global tracer provider's `@switchyard/core` tracer. */
  readonly tracer?: Tracer;
  /** Defaults to the global meter provider's `@switchyard/core` meter. */
  readonly meter?: Meter;
  /** Record prompts and answers as `gen_ai.input.messages` / `gen_ai.output.messages`. Off by default. */
  readonly captureContent?: boolean;
  /** Applied to every captured text before it is recorded (mask emails, card numbers...). */
  readonly redact?: (text: string) => string;
  /**
   * How often a route's graph is attached again (ms). The graph rides on the first run of a
   * route; repeating it lets a devtools started later still draw the route. Default 5 minutes.
   */
  readonly graphRefreshMs?: number;
  /**
   * How the states a run passes through are recorded. `"spans"` (default): a child span
   * `switchyard.state {state}` per state entered — the devtools show a running run's path
   * from these before its root span lands. The final state (`done` or `failed`) is an
   * instant, not an interval: it is a `switchyard.state` event on the root span. `"events"`:
   * one `switchyard.state` event (with the state name, timestamped) on the root span per
   * state, and attempt spans hang off the root — half the spans per run, though only
   * 14–25 % fewer instructions per routed call in Switchyard's benchmark (the root and
   * attempt spans carry most attributes); the finished run's path is on the root span's
   * `switchyard.path` either way.
   */
  readonly stateSpans?: "spans" | "events";
}

// The names the GenAI conventions use for well-known providers; anything else passes through.
const genAiProviderNames: Readonly<Record<string, string>> = {
  gemini: "gcp.gemini",
  google: "gcp.gemini",
  vertex: "gcp.vertex_ai",
  bedrock: "aws.bedrock",
  azure: "azure.ai.openai",
  "azure-openai": "azure.ai.openai",
  mistral: "mistral_ai",
  xai: "x_ai",
};
const genAiProviderName = (provider: string): string => genAiProviderNames[provider] ?? provider;

// The ids of a graph's final states, kept per graph object (a compiled route keeps its graph).
const finalStatesByGraph = new WeakMap<RouteGraph, ReadonlySet<string>>();
const finalStatesOf = (graph: RouteGraph): ReadonlySet<string> => {
  let ids = finalStatesByGraph.get(graph);
  if (ids === undefined) {
    ids = new Set(graph.nodes.filter((n) => n.kind === "done" || n.kind === "failed").map((n) => n.id));
    finalStatesByGraph.set(graph, ids);
  }
  return ids;
};

const usageAttributes = (usage: Usage): Attributes => ({
  [Attr.genAiInputTokens]: usage.inputTokens,
  [Attr.genAiOutputTokens]: usage.outputTokens,
  [Attr.cachedInputTokens]: usage.cachedInputTokens,
  [Attr.cacheWriteInputTokens]: usage.cacheWriteInputTokens,
  [Attr.reasoningTokens]: usage.reasoningTokens,
});

// Attribute objects here keep their undefined values: the OpenTelemetry API allows them and a
// span skips them. Deleting them instead turned each object into a slow dictionary, which cost
// more than the rest of the span's attribute work on Node 20.
const endAttemptSpan = (span: Span, record: AttemptRecord, capture: ((r: ChatResponse) => string) | undefined, response?: ChatResponse, error?: SwitchyardError): void => {
  if (!span.isRecording()) return span.end();
  span.setAttributes({
    [Attr.attemptOutcome]: record.outcome,
    [Attr.genAiResponseModel]: response?.model,
    [Attr.genAiResponseId]: response?.id,
    [Attr.genAiFinishReasons]: response ? [toGenAiFinishReason(response.finishReason)] : undefined,
    [Attr.costUsd]: record.costUsd,
    [Attr.ttftMs]: record.ttftMs,
    [Attr.waitedMs]: record.waitedMs,
    [Attr.errorType]: record.errorTag ?? error?._tag,
    [Attr.errorMessage]: record.errorMessage ?? error?.message,
    [Attr.httpStatus]: record.status,
  });
  if (record.usage) span.setAttributes(usageAttributes(record.usage));
  if (response && capture) span.setAttribute(Attr.genAiOutputMessages, capture(response));
  // A cancelled hedge loser is routine; an error or a failed validation is not.
  if (record.outcome === "error" || record.outcome === "invalid") {
    span.setStatus({ code: SpanStatusCode.ERROR, message: record.errorMessage ?? error?.message ?? record.outcome });
  }
  span.end();
};

/**
 * A {@link RunObserver} that turns each routed run into OpenTelemetry spans and metrics,
 * through `@opentelemetry/api` only, so any SDK or exporter (the devtools, Jaeger, Tempo,
 * `@effect/opentelemetry`) receives them. One root span `switchyard.route {route}` per run,
 * a child `switchyard.state {state}` per state entered (or, with `stateSpans: "events"`, a
 * `switchyard.state` event on the root instead; the final state is always an event), and a
 * CLIENT span `chat {model}` per provider attempt following the GenAI semantic conventions.
 * Message content is recorded only with `captureContent`.
 * @example
 * const router = createRouter({ models, routes, observer: otelObserver({ captureContent: true }) });
 * const lean = otelObserver({ stateSpans: "events" }); // 2 spans per pick → call → done run instead of 4
 */
export const otelObserver = (options: OtelObserverOptions = {}): RunObserver => {
  const tracer = options.tracer ?? trace.getTracer("@switchyard/core");
  const runMetrics: RunMetrics = makeRunMetrics(options.meter ?? metrics.getMeter("@switchyard/core"));
  const redact = options.redact ?? ((s: string) => s);
  const captureOutput = options.captureContent ? (r: ChatResponse) => outputMessagesJson(r, redact) : undefined;
  const graphRefreshMs = options.graphRefreshMs ?? 300_000;
  // route + hash → when its graph was last attached; per observer, which is per process in practice.
  const graphSentAt = new Map<string, number>();

  const attachGraph = (span: Span, graph: RouteGraph): void => {
    span.setAttribute(Attr.graphHash, graph.hash);
    const key = `${graph.route}\u0000${graph.hash}`;
    const last = graphSentAt.get(key);
    if (last !== undefined && Date.now() - last < graphRefreshMs) return;
    graphSentAt.set(key, Date.now());
    span.addEvent(SpanName.graphEvent, { [Attr.graph]: JSON.stringify(graph), [Attr.route]: graph.route, [Attr.graphHash]: graph.hash });
  };

  const startRun = (start: RunStart): RunTrace => {
    const root = tracer.startSpan(`${SpanName.route} ${start.route}`, { kind: SpanKind.INTERNAL }, context.active());
    const recording = root.isRecording();
    if (recording) {
      root.setAttributes({ [Attr.route]: start.route, [Attr.runId]: start.runId, [Attr.streaming]: start.streaming });
      attachGraph(root, start.graph);
    }
    const rootContext = trace.setSpan(context.active(), root);
    let stateSpan: Span | undefined;
    // The open state span's context, made when an attempt first needs it (most states start none).
    let stateContext: Context | undefined;
    const stateEvents = options.stateSpans === "events";
    const finalStates = finalStatesOf(start.graph);

    const closeState = (): void => {
      stateSpan?.end();
      stateSpan = undefined;
      stateContext = undefined;
    };
    const attemptParent = (): Context => {
      if (stateSpan === undefined) return rootContext;
      stateContext ??= trace.setSpan(rootContext, stateSpan);
      return stateContext;
    };

    const startAttempt = (attempt: AttemptStart): AttemptTrace => {
      const span = tracer.startSpan(`${SpanName.chat} ${attempt.providerModel}`, { kind: SpanKind.CLIENT }, attemptParent());
      if (span.isRecording()) {
        const genAiProvider = genAiProviderName(attempt.provider);
        span.setAttributes({
          [Attr.genAiOperation]: "chat",
          [Attr.genAiProvider]: genAiProvider,
          [Attr.genAiSystem]: genAiProvider,
          [Attr.genAiRequestModel]: attempt.providerModel,
          [Attr.genAiTemperature]: attempt.request.temperature,
          [Attr.genAiMaxTokens]: attempt.request.maxTokens,
          [Attr.attemptIndex]: attempt.index,
          [Attr.attemptKind]: attempt.kind,
          [Attr.model]: attempt.model,
          [Attr.route]: start.route,
          [Attr.runId]: start.runId,
          [Attr.streaming]: attempt.streaming,
        });
        if (options.captureContent) span.setAttribute(Attr.genAiInputMessages, inputMessagesJson(attempt.request, redact));
      }
      return {
        firstToken: () => span.addEvent(SpanName.firstTokenEvent),
        end: (record, response, error) => {
          endAttemptSpan(span, record, captureOutput, response, error);
          runMetrics.recordAttempt(start.route, record, genAiProviderName(record.provider), response?.model);
        },
      };
    };

    return {
      enterState: (state) => {
        closeState();
        if (stateEvents || finalStates.has(state)) {
          if (recording) root.addEvent(SpanName.state, { [Attr.state]: state });
          return;
        }
        stateSpan = tracer.startSpan(`${SpanName.state} ${state}`, { kind: SpanKind.INTERNAL }, rootContext);
        // Set after the start, not passed to it: the SDK copies start attributes twice (for the
        // sampler, which decides a child span by its parent). Run id and route on every span let
        // a store file a span under its run before the root span lands.
        if (stateSpan.isRecording()) stateSpan.setAttributes({ [Attr.state]: state, [Attr.runId]: start.runId, [Attr.route]: start.route });
      },
      startAttempt,
      end: (run: RunInfo, outcome) => {
        closeState();
        if (root.isRecording()) finishRoot(root, run, outcome.error);
        root.end();
      },
    };
  };

  return { startRun };
};

const finishRoot = (root: Span, run: RunInfo, error: SwitchyardError | undefined): void => {
  root.setAttributes({
    [Attr.label]: run.label,
    [Attr.model]: run.model || undefined,
    [Attr.path]: [...run.path],
    [Attr.attempts]: run.attempts.length,
    [Attr.costUsd]: run.costUsd,
    [Attr.ttftMs]: run.ttftMs,
    [Attr.errorType]: error?._tag,
    [Attr.errorMessage]: error?.message,
  });
  root.setAttributes(usageAttributes(run.usage));
  if (error) root.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
};
