import { openTraceStore } from "@switchyard/devtools";
import { fakeRunSpans } from "/work/main/packages/devtools/test/fake-run-spans.js";
const store = openTraceStore({ path: "/tmp/qbench/db.sqlite" });
const N = Number(process.argv[2] ?? 20000);
const t0 = Date.now() - N * 20;
let t = performance.now();
for (let i = 0; i < N; i += 64) {
  const b = [];
  for (let j = i; j < Math.min(N, i + 64); j++) b.push(...fakeRunSpans({ index: j, startMs: t0 + j * 20, durationMs: 50 + (j % 400), route: ["a","b","c","d"][j%4]!, states: ["pick","call","fallback","call","done"], attempts: [{ model: "x", outcome: "error", startMs: t0 + j*20, durationMs: 10 }, { model: "y"+(j%4), outcome: "success", startMs: t0 + j*20+10, durationMs: 10, costUsd: 0.001, inputTokens: 10 }] }));
  store.ingest(b);
}
console.log("ingest", (performance.now() - t).toFixed(0), "ms", (N * 8 / ((performance.now() - t) / 1000)).toFixed(0), "spans/s");
for (let k = 0; k < 3; k++) {
  t = performance.now(); for (let r = 0; r < 20; r++) store.listRuns({ limit: 100 }); console.log("first page", ((performance.now() - t) / 20).toFixed(2));
  t = performance.now(); for (let r = 0; r < 20; r++) store.listRuns({ limit: 100, route: "b" }); console.log("route", ((performance.now() - t) / 20).toFixed(2));
}
store.close();
