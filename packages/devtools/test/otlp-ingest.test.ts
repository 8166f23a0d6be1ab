import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { startTelemetry } from "@switchyard/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunDetail, RunsPage } from "../src/api/api-types.js";
import { startDevtools, type Devtools } from "../src/server/start-devtools.js";
import { driveFakeRun, otelObserver } from "./drive-fake-run.js";

/** Real SDK spans for fake runs, as the OTel SDK would hand them to an exporter. */
const spansOf = (...runs: Array<[string, { fail?: boolean; costUsd?: number }?]>) => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ "service.name": "ingest-test" }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const observer = otelObserver({ tracer: provider.getTracer("t") });
  for (const [id, opts] of runs) driveFakeRun(observer, id, opts);
  return exporter.getFinishedSpans();
};

// Copies into an ArrayBuffer-backed array, which is what fetch's BodyInit type accepts.
const pb = (spans: Parameters<typeof ProtobufTraceSerializer.serializeRequest>[0]) => new Uint8Array(ProtobufTraceSerializer.serializeRequest(spans) ?? []);
const json = (spans: Parameters<typeof JsonTraceSerializer.serializeRequest>[0]) => new Uint8Array(JsonTraceSerializer.serializeRequest(spans) ?? []);

describe("devtools OTLP/HTTP receiver", () => {
  let dt: Devtools;
  beforeEach(async () => {
    dt = await startDevtools({ port: 0, dbPath: ":memory:", ui: false });
  });
  afterEach(async () => dt.close());

  const post = (batch: ReturnType<typeof spansOf>) =>
    fetch(`${dt.url}/v1/traces`, { method: "POST", headers: { "content-type": "application/x-protobuf" }, body: pb(batch) });
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${dt.url}${path}`);
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  it("accepts protobuf and replies with a protobuf ExportTraceServiceResponse", async () => {
    const body = pb(spansOf(["pb-1"]));
    const res = await fetch(`${dt.url}/v1/traces`, { method: "POST", headers: { "content-type": "application/x-protobuf" }, body });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-protobuf");
    expect((await res.arrayBuffer()).byteLength).toBe(0); // empty response = full success
    const detail = await get<RunDetail>("/api/runs/pb-1");
    expect(detail.run).toMatchObject({
      route: "support", status: "ok", model: "backup", attempts: 2, costUsd: 0.002, service: "ingest-test",
      usage: { inputTokens: 12, outputTokens: 7, cachedInputTokens: 3 }, path: ["pick", "call", "fallback", "call", "done"],
    });
    expect(detail.attempts.map((a) => [a.index, a.kind, a.outcome, a.errorType ?? null])).toEqual([
      [1, "call", "error", "RateLimited"],
      [2, "fallback", "success", null],
    ]);
    // Four state spans; the final state is an event on the root.
    expect(detail.spans.filter((s) => s.name.startsWith("switchyard.state")).map((s) => s.attributes["switchyard.state"])).toEqual(["pick", "call", "fallback", "call"]);
    const root = detail.spans.find((s) => s.name === "switchyard.route support");
    expect(root?.events.filter((e) => e.name === "switchyard.state").map((e) => e.attributes["switchyard.state"])).toEqual(["done"]);
    expect(detail.graph?.hash).toBe("g-support-1");
    expect(detail.spans.every((s) => /^[0-9a-f]{16}$/.test(s.spanId) && /^[0-9a-f]{32}$/.test(s.traceId))).toBe(true);
  });

  it("accepts JSON and replies in JSON; both encodings store the same run", async () => {
    const spans = spansOf(["json-1"]);
    const res = await fetch(`${dt.url}/v1/traces`, { method: "POST", headers: { "content-type": "application/json" }, body: json(spans) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({});
    const detail = await get<RunDetail>("/api/runs/json-1");
    expect(detail.run.status).toBe("ok");
    expect(detail.run.durationMs).toBeGreaterThanOrEqual(0);
    expect(detail.attempts).toHaveLength(2);
  });

  it("shows a run as running as soon as its first spans land, then final when the root arrives", async () => {
    const spans = spansOf(["early-1"]);
    const root = spans.filter((s) => s.name.startsWith("switchyard.route"));
    const rest = spans.filter((s) => !s.name.startsWith("switchyard.route"));
    expect((await post(rest)).status).toBe(200);
    const early = await get<RunsPage>("/api/runs");
    expect(early.runs[0]).toMatchObject({ runId: "early-1", status: "running", attempts: 2, route: "support" });
    expect((await post(root)).status).toBe(200);
    expect((await get<RunsPage>("/api/runs")).runs[0]).toMatchObject({ runId: "early-1", status: "ok" });
  });

  it("keeps the real order of states entered within one millisecond", async () => {
    // OTel JS stamps starts with Date.now(): frozen, every span starts in the same ms and its
    // stamped end is start + duration, so the long first `call` (it holds an attempt) ends
    // "after" the short `fallback` that followed it.
    vi.useFakeTimers({ toFake: ["Date"] });
    let spans: ReturnType<typeof spansOf>;
    try {
      spans = spansOf(["same-ms"]);
    } finally {
      vi.useRealTimers();
    }
    const states = spans.filter((s) => s.name.startsWith("switchyard.state "));
    expect(new Set(spans.map((s) => s.startTime.join(".")))).toHaveProperty("size", 1);
    expect((await post(spans.filter((s) => !s.name.startsWith("switchyard.route")))).status).toBe(200);
    expect((await get<RunsPage>("/api/runs")).runs[0]?.path).toEqual(["pick", "call", "fallback", "call"]);
    expect((await post(spans.filter((s) => s.name.startsWith("switchyard.route")))).status).toBe(200);
    const detail = await get<RunDetail>("/api/runs/same-ms");
    expect(detail.spans.filter((s) => s.name.startsWith("switchyard.state ")).map((s) => s.spanId)).toEqual(states.map((s) => s.spanContext().spanId));
    expect(detail.spans.filter((s) => s.name.startsWith("switchyard.state ")).map((s) => s.attributes["switchyard.state"])).toEqual(["pick", "call", "fallback", "call"]);
  });

  it("answers metrics and logs with 200, bad bodies with 400, unknown types with 415", async () => {
    for (const p of ["/v1/metrics", "/v1/logs"]) {
      const res = await fetch(`${dt.url}${p}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      expect(res.status).toBe(200);
    }
    const bad = await fetch(`${dt.url}/v1/traces`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/not a valid OTLP json/);
    const badPb = await fetch(`${dt.url}/v1/traces`, { method: "POST", headers: { "content-type": "application/x-protobuf" }, body: new Uint8Array([0x0a, 0xff, 0xff]) });
    expect(badPb.status).toBe(400);
    const wrongShape = await fetch(`${dt.url}/v1/traces`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ resourceSpans: "nope" }) });
    expect(wrongShape.status).toBe(400);
    const text = await fetch(`${dt.url}/v1/traces`, { method: "POST", headers: { "content-type": "text/plain" }, body: "hi" });
    expect(text.status).toBe(415);
  });

  it("filters and paginates the runs list", async () => {
    const spans = spansOf(["a", { costUsd: 0.01 }], ["b", { fail: true }], ["c", { costUsd: 0.5 }]);
    await fetch(`${dt.url}/v1/traces`, { method: "POST", headers: { "content-type": "application/x-protobuf" }, body: pb(spans) });
    expect((await get<RunsPage>("/api/runs?status=error")).runs.map((r) => r.runId)).toEqual(["b"]);
    expect((await get<RunsPage>("/api/runs?minCostUsd=0.1")).runs.map((r) => r.runId)).toEqual(["c"]);
    expect((await get<RunsPage>("/api/runs?q=every%20model")).runs.map((r) => r.runId)).toEqual(["b"]);
    const first = await get<RunsPage>("/api/runs?limit=2");
    expect(first.runs).toHaveLength(2);
    const second = await get<RunsPage>(`/api/runs?limit=2&cursor=${first.nextCursor ?? ""}`);
    expect(second.runs).toHaveLength(1);
    expect(new Set([...first.runs, ...second.runs].map((r) => r.runId))).toEqual(new Set(["a", "b", "c"]));
    expect(second.nextCursor).toBeUndefined();
    const bad = await fetch(`${dt.url}/api/runs?minCostUsd=abc`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_filter");
    expect((await fetch(`${dt.url}/api/runs/nope`)).status).toBe(404);
  });

  it("receives what startTelemetry exports (OTLP/HTTP JSON through the real exporter)", async () => {
    const telemetry = startTelemetry({ serviceName: "exporter-test", otlpEndpoint: dt.url, registerGlobal: false });
    driveFakeRun(telemetry.observer, "exported-1");
    await telemetry.shutdown();
    const detail = await get<RunDetail>("/api/runs/exported-1");
    expect(detail.run).toMatchObject({ status: "ok", service: "exporter-test", model: "backup" });
  });
});
