import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { otelObserver, type RouteGraph } from "@switchyard/core";
import { decodeTraceRequest, openTraceStore } from "@switchyard/devtools";
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const observer = otelObserver({ tracer: provider.getTracer("bench") });
const graph: RouteGraph = { route: "support", hash: "g", nodes: [], edges: [], pools: {}, options: { pick: "ordered", maxRetries: 0, validate: false, repair: 0, hedge: false } };
const request = { messages: [{ role: "user" as const, content: "hi" }] };
for (let i = 0; i < 5000; i++) {
  const trace = observer.startRun({ runId: `h-${i}`, route: "support", graph, request, streaming: false });
  trace.enterState("call");
  const rec = { index: 1, model: "m", provider: "openai", providerModel: "gpt-4o-mini", kind: "call", outcome: "success", startedAt: Date.now(), durationMs: 1 } as const;
  trace.startAttempt({ ...rec, request, streaming: false }).end(rec);
  trace.enterState("done");
  trace.end({ runId: `h-${i}`, route: "support", model: "m", path: ["call", "done"], attempts: [rec], usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, costUsd: 0, startedAt: Date.now(), durationMs: 1 }, {});
}
const sdkSpans = exporter.getFinishedSpans();
const bodies: Uint8Array[] = [];
for (let i = 0; i < sdkSpans.length; i += 512) bodies.push(new Uint8Array(ProtobufTraceSerializer.serializeRequest(sdkSpans.slice(i, i + 512)) ?? []));
const store = openTraceStore({ path: ":memory:" });
let tDec = 0, tIng = 0, n = 0;
for (let rep = 0; rep < 2; rep++) for (const b of bodies) {
  let t = performance.now();
  const d = decodeTraceRequest(b, "protobuf");
  tDec += performance.now() - t;
  if (!d.ok) throw new Error(d.error.message);
  n += d.spans.length;
  t = performance.now();
  if (rep === 0) store.ingest(d.spans);
  tIng += performance.now() - t;
}
console.log(`decode ${(n / (tDec / 1000)).toFixed(0)} spans/s (${tDec.toFixed(0)} ms); ingest ${(n / 2 / (tIng / 1000)).toFixed(0)} spans/s; body bytes avg ${(bodies.reduce((t, b) => t + b.length, 0) / bodies.length).toFixed(0)}`);

const jb: Uint8Array[] = [];
for (let i = 0; i < sdkSpans.length; i += 512) jb.push(new Uint8Array(JsonTraceSerializer.serializeRequest(sdkSpans.slice(i, i + 512)) ?? []));
let tj = 0; let nj = 0;
for (const b of jb) { const t = performance.now(); const d = decodeTraceRequest(b, "json"); tj += performance.now() - t; if (!d.ok) throw new Error(d.error.message); nj += d.spans.length; }
console.log(`json decode ${(nj / (tj / 1000)).toFixed(0)} spans/s`);
