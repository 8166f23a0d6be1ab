import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { MeterProvider, MetricReader, type Histogram, type Sum } from "@opentelemetry/sdk-metrics";
import { AlwaysOffSampler, BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterEach, describe, expect, it } from "vitest";
import { RateLimited } from "../errors/index.js";
import type { RouteGraph } from "../graph/route-graph.js";
import type { AttemptRecord, RunInfo } from "../runtime/run-info.js";
import type { ChatRequest, ChatResponse } from "../schema/index.js";
import { otelObserver, type OtelObserverOptions } from "./otel-observer.js";

class TestReader extends MetricReader {
  protected override onForceFlush = async (): Promise<void> => {};
  protected override onShutdown = async (): Promise<void> => {};
}

const graph: RouteGraph = {
  route: "support",
  hash: "h1",
  nodes: [
    { id: "pick", kind: "pick", label: "pick" },
    { id: "call", kind: "call", label: "call" },
    { id: "done", kind: "done", label: "done" },
    { id: "failed", kind: "failed", label: "failed" },
  ],
  edges: [{ id: "pick-call", source: "pick", target: "call", label: "" }],
  pools: { default: ["primary", "backup"] },
  options: { pick: "ordered", maxRetries: 1, validate: false, repair: 0, hedge: false },
};
const request: ChatRequest = { messages: [{ role: "user", content: "my card is 4111111111111111" }], temperature: 0.2, maxTokens: 64 };
const response: ChatResponse = {
  id: "r1",
  model: "gpt-4o-mini-2024",
  message: { role: "assistant", content: "card 4111111111111111 noted" },
  finishReason: "stop",
  usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15, cachedInputTokens: 4, reasoningTokens: 2 },
};
const failed: AttemptRecord = {
  index: 1, model: "primary", provider: "openai", providerModel: "gpt-4o", kind: "call", outcome: "error",
  errorTag: "RateLimited", errorMessage: "429 from openai", status: 429, startedAt: Date.now(), durationMs: 3,
};
const won: AttemptRecord = {
  index: 2, model: "backup", provider: "gemini", providerModel: "gpt-4o-mini", kind: "fallback", outcome: "success",
  startedAt: Date.now(), durationMs: 4, waitedMs: 1, ttftMs: 2, usage: response.usage, costUsd: 0.0001,
};
const runInfo = (runId: string): RunInfo => ({
  runId, route: "support", model: "backup", path: ["pick", "call", "fallback", "call", "done"], attempts: [failed, won],
  usage: response.usage, costUsd: 0.0001, startedAt: Date.now(), durationMs: 9, ttftMs: 2,
});

const setup = (options: Omit<OtelObserverOptions, "tracer" | "meter"> = {}) => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new TestReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const observer = otelObserver({ ...options, tracer: provider.getTracer("test"), meter: meterProvider.getMeter("test") });
  /** Drives the sequence the router makes for a call that is rate-limited, then falls back. */
  const runOnce = (runId: string) => {
    const trace = observer.startRun({ runId, route: "support", graph, request, streaming: false });
    trace.enterState("pick");
    trace.enterState("call");
    trace.startAttempt({ index: 1, model: "primary", provider: "openai", providerModel: "gpt-4o", kind: "call", request, streaming: false })
      .end(failed, undefined, new RateLimited({ message: "429 from openai" }));
    trace.enterState("fallback");
    trace.enterState("call");
    const a = trace.startAttempt({ index: 2, model: "backup", provider: "gemini", providerModel: "gpt-4o-mini", kind: "fallback", request, streaming: true });
    a.firstToken();
    a.end(won, response);
    trace.enterState("done");
    trace.end(runInfo(runId), { response });
  };
  return { exporter, reader, runOnce, cleanup: () => Promise.all([provider.shutdown(), meterProvider.shutdown()]) };
};

const byName = (spans: ReadonlyArray<ReadableSpan>, name: string) => spans.filter((s) => s.name === name);
const parentId = (s: ReadableSpan) => s.parentSpanContext?.spanId;

describe("otelObserver", () => {
  let cleanup: (() => Promise<unknown>) | undefined;
  afterEach(async () => cleanup?.());

  it("makes a root span, one span per state, the final state an event, and a GenAI client span per attempt, correctly nested", () => {
    const t = setup();
    cleanup = t.cleanup;
    t.runOnce("run-1");
    const spans = t.exporter.getFinishedSpans();
    const [root] = byName(spans, "switchyard.route support");
    expect(root).toBeDefined();
    if (!root) return;
    expect(root.kind).toBe(SpanKind.INTERNAL);
    expect(root.attributes).toMatchObject({
      "switchyard.route": "support", "switchyard.run_id": "run-1", "switchyard.model": "backup",
      "switchyard.path": ["pick", "call", "fallback", "call", "done"], "switchyard.attempts": 2, "switchyard.cost_usd": 0.0001,
      "gen_ai.usage.input_tokens": 10, "gen_ai.usage.output_tokens": 5, "switchyard.usage.cached_input_tokens": 4,
      "switchyard.usage.reasoning_tokens": 2, "switchyard.ttft_ms": 2, "switchyard.graph.hash": "h1",
    });
    expect(root.status.code).toBe(SpanStatusCode.UNSET);

    const states = spans.filter((s) => s.name.startsWith("switchyard.state "));
    expect(states.map((s) => s.attributes["switchyard.state"])).toEqual(["pick", "call", "fallback", "call"]);
    for (const s of states) {
      expect(parentId(s)).toBe(root.spanContext().spanId);
      expect(s.attributes).toMatchObject({ "switchyard.run_id": "run-1", "switchyard.route": "support" });
    }
    // The final state has no duration: an event on the root, after the last state span began.
    // Each span anchors its clock on a whole-ms Date.now(), so times across spans agree to 1 ms.
    const finals = root.events.filter((e) => e.name === "switchyard.state");
    expect(finals.map((e) => e.attributes?.["switchyard.state"])).toEqual(["done"]);
    const lastState = states.at(-1);
    if (!lastState || !finals[0]) throw new Error("state records missing");
    const ns = (t: readonly [number, number]) => t[0] * 1e9 + t[1];
    expect(ns(finals[0].time)).toBeGreaterThanOrEqual(ns(lastState.startTime) - 1e6);
    expect(spans).toHaveLength(7);

    const calls = states.filter((s) => s.attributes["switchyard.state"] === "call");
    const [first] = byName(spans, "chat gpt-4o");
    const [second] = byName(spans, "chat gpt-4o-mini");
    if (!first || !second) throw new Error("attempt spans missing");
    expect(parentId(first)).toBe(calls[0]?.spanContext().spanId);
    expect(parentId(second)).toBe(calls[1]?.spanContext().spanId);
    expect(first.kind).toBe(SpanKind.CLIENT);
    expect(first.attributes).toMatchObject({
      "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai", "gen_ai.system": "openai", "gen_ai.request.model": "gpt-4o",
      "gen_ai.request.temperature": 0.2, "gen_ai.request.max_tokens": 64, "switchyard.attempt.index": 1, "switchyard.attempt.kind": "call",
      "switchyard.attempt.outcome": "error", "error.type": "RateLimited", "switchyard.model": "primary",
    });
    expect(first.status).toEqual({ code: SpanStatusCode.ERROR, message: "429 from openai" });
    expect(second.attributes).toMatchObject({
      "gen_ai.provider.name": "gcp.gemini", "gen_ai.response.model": "gpt-4o-mini-2024", "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.usage.input_tokens": 10, "gen_ai.usage.output_tokens": 5, "switchyard.attempt.kind": "fallback",
      "switchyard.attempt.outcome": "success", "switchyard.cost_usd": 0.0001, "switchyard.ttft_ms": 2, "switchyard.waited_ms": 1,
    });
    expect(second.events.map((e) => e.name)).toContain("switchyard.first_token");
    // Content is opt-in.
    expect(second.attributes["gen_ai.input.messages"]).toBeUndefined();
    expect(second.attributes["gen_ai.output.messages"]).toBeUndefined();
  });

  it("with stateSpans: \"events\" records states as timestamped root events and hangs attempts off the root", () => {
    const t = setup({ stateSpans: "events" });
    cleanup = t.cleanup;
    t.runOnce("run-e");
    const spans = t.exporter.getFinishedSpans();
    expect(spans.filter((s) => s.name.startsWith("switchyard.state"))).toHaveLength(0);
    const [root] = byName(spans, "switchyard.route support");
    if (!root) throw new Error("root span missing");
    expect(root.attributes["switchyard.path"]).toEqual(["pick", "call", "fallback", "call", "done"]);
    const states = root.events.filter((e) => e.name === "switchyard.state");
    expect(states.map((e) => e.attributes?.["switchyard.state"])).toEqual(["pick", "call", "fallback", "call", "done"]);
    const times = states.map((e) => e.time[0] * 1e9 + e.time[1]);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(times[0]).toBeGreaterThanOrEqual(root.startTime[0] * 1e9 + root.startTime[1]);
    const attempts = spans.filter((s) => s.name.startsWith("chat "));
    expect(attempts).toHaveLength(2);
    for (const a of attempts) {
      expect(a.kind).toBe(SpanKind.CLIENT);
      expect(parentId(a)).toBe(root.spanContext().spanId);
    }
    expect(spans).toHaveLength(3);
  });

  it("attaches the route graph once per route and its hash on every root span", () => {
    const t = setup();
    cleanup = t.cleanup;
    t.runOnce("a");
    t.runOnce("b");
    const roots = byName(t.exporter.getFinishedSpans(), "switchyard.route support");
    expect(roots).toHaveLength(2);
    const graphEvents = roots.flatMap((r) => r.events.filter((e) => e.name === "switchyard.graph"));
    expect(graphEvents).toHaveLength(1);
    expect(JSON.parse(String(graphEvents[0]?.attributes?.["switchyard.graph"]))).toEqual(graph);
    expect(roots.map((r) => r.attributes["switchyard.graph.hash"])).toEqual(["h1", "h1"]);
  });

  it("records content only when asked, after redaction", () => {
    const t = setup({ captureContent: true, redact: (s) => s.replaceAll(/\d{16}/g, "[card]") });
    cleanup = t.cleanup;
    t.runOnce("c");
    const [second] = byName(t.exporter.getFinishedSpans(), "chat gpt-4o-mini");
    const input = String(second?.attributes["gen_ai.input.messages"]);
    const output = String(second?.attributes["gen_ai.output.messages"]);
    expect(JSON.parse(input)).toEqual([{ role: "user", parts: [{ type: "text", content: "my card is [card]" }] }]);
    expect(JSON.parse(output)).toEqual([{ role: "assistant", parts: [{ type: "text", content: "card [card] noted" }], finish_reason: "stop" }]);
    expect(input + output).not.toContain("4111");
  });

  it("marks a failed run as an error with its type", () => {
    const t = setup();
    cleanup = t.cleanup;
    const trace = otelObserver({ tracer: new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(t.exporter)] }).getTracer("x") })
      .startRun({ runId: "f", route: "support", graph, request, streaming: false });
    trace.enterState("failed");
    trace.end({ ...runInfo("f"), model: "", costUsd: undefined }, { error: new RateLimited({ message: "all rate limited" }) });
    const [root] = byName(t.exporter.getFinishedSpans(), "switchyard.route support");
    expect(root?.status).toEqual({ code: SpanStatusCode.ERROR, message: "all rate limited" });
    expect(root?.attributes["error.type"]).toBe("RateLimited");
    expect(root?.attributes["switchyard.model"]).toBeUndefined();
    // "failed" is a final state like "done": an event on the root, not a span.
    expect(root?.events.filter((e) => e.name === "switchyard.state").map((e) => e.attributes?.["switchyard.state"])).toEqual(["failed"]);
    expect(t.exporter.getFinishedSpans().filter((s) => s.name.startsWith("switchyard.state"))).toHaveLength(0);
  });

  it("records duration, tokens, TTFT and cost metrics by route and model", async () => {
    const t = setup();
    cleanup = t.cleanup;
    t.runOnce("m");
    const { resourceMetrics } = await t.reader.collect();
    const all = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics);
    const find = (name: string) => all.find((m) => m.descriptor.name === name);
    const duration = find("gen_ai.client.operation.duration");
    expect(duration?.descriptor.unit).toBe("s");
    expect(duration?.dataPoints.map((p) => [p.attributes["switchyard.model"], p.attributes["error.type"]])).toEqual(
      expect.arrayContaining([["primary", "RateLimited"], ["backup", undefined]]),
    );
    const tokens = find("gen_ai.client.token.usage")?.dataPoints as Array<{ attributes: Record<string, unknown>; value: Histogram }> | undefined;
    const input = tokens?.find((p) => p.attributes["gen_ai.token.type"] === "input");
    expect(input?.value.sum).toBe(10);
    expect(input?.attributes["switchyard.route"]).toBe("support");
    const ttft = find("switchyard.ttft")?.dataPoints[0]?.value as Histogram | undefined;
    expect(ttft?.sum).toBeCloseTo(0.002);
    const cost = find("switchyard.cost")?.dataPoints[0];
    expect(cost?.value as Sum).toBeCloseTo(0.0001);
    expect(cost?.attributes["switchyard.model"]).toBe("backup");
  });

  it("computes no attributes (and redacts nothing) for spans nobody records", async () => {
    let redactions = 0;
    const provider = new BasicTracerProvider({ sampler: new AlwaysOffSampler(), spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())] });
    const observer = otelObserver({ tracer: provider.getTracer("off"), captureContent: true, redact: (s) => (redactions++, s) });
    const trace = observer.startRun({ runId: "n", route: "support", graph, request, streaming: false });
    trace.enterState("call");
    trace.startAttempt({ index: 1, model: "primary", provider: "openai", providerModel: "gpt-4o", kind: "call", request, streaming: false }).end(won, response);
    trace.end(runInfo("n"), { response });
    expect(redactions).toBe(0);
    await provider.shutdown();
  });
});
