// Devtools store benchmark: how fast spans are ingested (straight into the store, and
// end to end as OTLP/HTTP protobuf), and how fast the runs list and friends answer with
// 100k runs stored. Run: `npx tsx bench/devtools/ingest.ts [runs]` (default 100000).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { otelObserver, type RouteGraph } from "@switchyard/core";
import { openTraceStore, startDevtools, type IngestSpan } from "@switchyard/devtools";
import { fakeRunSpans } from "../../packages/devtools/test/fake-run-spans.js";

const RUNS = Number(process.argv[2] ?? 100_000);
const BATCH_RUNS = 64; // 8 spans a run → 512-span batches, the OTel batch processor's default
const routes = ["support", "extract", "summarise", "classify"];
const models = ["gpt-4o-mini", "claude-haiku", "gemini-flash", "llama-70b"];

/** The 8 spans the observer writes for a run that falls back once (root, 5 states, 2 attempts); every 10th run fails. */
const runSpans = (i: number, startMs: number): IngestSpan[] => {
  const failed = i % 10 === 0;
  const model = models[(i >> 2) % models.length] ?? "m";
  const backup = models[((i >> 2) + 1) % models.length] ?? "m";
  return fakeRunSpans({
    index: i, startMs, durationMs: 50 + (i % 400), route: routes[i % routes.length] ?? "support", failed,
    states: ["pick", "call", "fallback", "call", failed ? "failed" : "done"],
    attempts: [
      { model, outcome: "error", errorType: "RateLimited", startMs: startMs + 10, durationMs: 20, inputTokens: 100, outputTokens: 0 },
      { model: backup, outcome: failed ? "error" : "success", kind: "fallback", startMs: startMs + 40, durationMs: 20, inputTokens: 100, outputTokens: 20,
        cachedInputTokens: 40, ...(failed ? { errorType: "RateLimited" } : { costUsd: ((i % 97) + 1) / 100_000 }) },
    ],
  });
};

const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const timeMedian = (f: () => unknown, n = 15) => median(Array.from({ length: n }, () => time(f)[1]));

const dir = mkdtempSync(join(tmpdir(), "switchyard-devtools-bench-"));
try {
  // 1. Store ingest: decoded spans straight into SQLite, in OTel-sized batches.
  const store = openTraceStore({ path: join(dir, "bench.db"), retention: { maxRuns: RUNS * 2 } });
  const t0 = Date.now() - RUNS * 20;
  let spans = 0;
  const [, ingestMs] = time(() => {
    for (let i = 0; i < RUNS; i += BATCH_RUNS) {
      const batch: IngestSpan[] = [];
      for (let j = i; j < Math.min(RUNS, i + BATCH_RUNS); j++) batch.push(...runSpans(j, t0 + j * 20));
      spans += batch.length;
      store.ingest(batch);
    }
  });

  // 2. Queries against the full store.
  const first = store.listRuns({ limit: 100 });
  const deepCursor = (() => {
    let page = first;
    for (let k = 0; k < 50 && page.nextCursor; k++) page = store.listRuns({ limit: 100, cursor: page.nextCursor });
    return page.nextCursor;
  })();
  const queries: Array<[string, () => unknown]> = [
    ["runs list, first page (100)", () => store.listRuns({ limit: 100 })],
    ["runs list, page 51 (cursor)", () => store.listRuns({ limit: 100, ...(deepCursor ? { cursor: deepCursor } : {}) })],
    ["filter route", () => store.listRuns({ route: "extract", limit: 100 })],
    ["filter model + status=ok", () => store.listRuns({ model: "claude-haiku", status: "ok", limit: 100 })],
    ["filter cost >= $0.0009", () => store.listRuns({ minCostUsd: 0.0009, limit: 100 })],
    ["filter latency 400-450 ms", () => store.listRuns({ minLatencyMs: 400, maxLatencyMs: 450, limit: 100 })],
    ["free-text search (rare)", () => store.listRuns({ q: `run-${RUNS - 7}`, limit: 100 })],
    ["free-text search (common, 25%)", () => store.listRuns({ q: "claude", limit: 100 })],
    ["free-text search (none)", () => store.listRuns({ q: "nosuchword", limit: 100 })],
    ["run detail", () => store.getRun(`run-${RUNS >> 1}`)],
    ["filter options", () => store.filterOptions()],
    ["dashboard, last 15 min", () => store.dashboard({ from: Date.now() - 900_000 })],
    ["dashboard, last hour", () => store.dashboard({ from: Date.now() - 3_600_000 })],
    ["dashboard, whole store", () => store.dashboard({ from: t0 - 1, buckets: 30 })],
  ];
  const rows = queries.map(([name, f]) => ({ query: name, "median ms": timeMedian(f, name.startsWith("dashboard, whole") ? 3 : 15).toFixed(2) }));
  store.close();

  // 3. End to end: real SDK spans (the observer + OTel SDK), OTLP protobuf over HTTP into a running devtools.
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const observer = otelObserver({ tracer: provider.getTracer("bench") });
  const graph: RouteGraph = { route: "support", hash: "g", nodes: [], edges: [], pools: {}, options: { pick: "ordered", maxRetries: 0, validate: false, repair: 0, hedge: false } };
  const request = { messages: [{ role: "user" as const, content: "hi" }] };
  const HTTP_RUNS = Math.min(5000, RUNS);
  for (let i = 0; i < HTTP_RUNS; i++) {
    const trace = observer.startRun({ runId: `h-${i}`, route: "support", graph, request, streaming: false });
    trace.enterState("call");
    const rec = { index: 1, model: "m", provider: "openai", providerModel: "gpt-4o-mini", kind: "call", outcome: "success", startedAt: Date.now(), durationMs: 1 } as const;
    trace.startAttempt({ ...rec, request, streaming: false }).end(rec);
    trace.enterState("done");
    trace.end({ runId: `h-${i}`, route: "support", model: "m", path: ["call", "done"], attempts: [rec], usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, costUsd: 0, startedAt: Date.now(), durationMs: 1 }, {});
  }
  const sdkSpans = exporter.getFinishedSpans();
  const batches: Array<typeof sdkSpans> = [];
  for (let i = 0; i < sdkSpans.length; i += 512) batches.push(sdkSpans.slice(i, i + 512));
  // Each encoding into its own fresh devtools, so the second is not deduplicated as a redelivery.
  const postAll = async (type: string, dbName: string, bodies: ReadonlyArray<Uint8Array<ArrayBuffer>>): Promise<number> => {
    const devtools = await startDevtools({ port: 0, dbPath: join(dir, dbName), ui: false });
    const h0 = performance.now();
    for (const body of bodies) {
      const res = await fetch(`${devtools.url}/v1/traces`, { method: "POST", headers: { "content-type": type }, body: new Blob([body]) });
      if (!res.ok) throw new Error(`ingest failed: ${res.status}`);
    }
    const elapsed = performance.now() - h0;
    await devtools.close();
    return elapsed;
  };
  const httpMs = await postAll("application/x-protobuf", "http-pb.db", batches.map((b) => new Uint8Array(ProtobufTraceSerializer.serializeRequest(b) ?? [])));
  const jsonMs = await postAll("application/json", "http-json.db", batches.map((b) => new Uint8Array(JsonTraceSerializer.serializeRequest(b) ?? [])));
  await provider.shutdown();

  console.log(`\nSwitchyard devtools ingest benchmark (Node ${process.version}, SQLite WAL, temp dir)\n`);
  console.table([
    { path: "store.ingest (decoded spans, 512/batch)", runs: RUNS, spans, seconds: (ingestMs / 1000).toFixed(2), "spans/s": Math.round(spans / (ingestMs / 1000)) },
    { path: "OTLP/HTTP protobuf, SDK spans (512/request)", runs: HTTP_RUNS, spans: sdkSpans.length, seconds: (httpMs / 1000).toFixed(2), "spans/s": Math.round(sdkSpans.length / (httpMs / 1000)) },
    { path: "OTLP/HTTP JSON, SDK spans (512/request)", runs: HTTP_RUNS, spans: sdkSpans.length, seconds: (jsonMs / 1000).toFixed(2), "spans/s": Math.round(sdkSpans.length / (jsonMs / 1000)) },
  ]);
  console.log(`\nQueries with ${RUNS} runs stored:\n`);
  console.table(rows);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
