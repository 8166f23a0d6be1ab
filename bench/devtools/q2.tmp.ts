import { makeIngest } from "../../packages/devtools/src/store/ingest-spans.js";
import { openDatabase } from "../../packages/devtools/src/store/open-database.js";
import { fakeRunSpans } from "../../packages/devtools/test/fake-run-spans.js";
import { rmSync, mkdirSync } from "node:fs";
const N = 10000;
const variant = process.argv[2] ?? "base";
rmSync("/tmp/qb2", { recursive: true, force: true }); mkdirSync("/tmp/qb2");
const db = openDatabase("/tmp/qb2/db.sqlite");
if (variant === "nofts") db.exec("DROP TRIGGER runs_fts_insert; DROP TRIGGER runs_fts_update;");
if (variant === "noidx") db.exec("DROP INDEX spans_by_time; DROP INDEX runs_by_status; DROP INDEX runs_by_model;");
const refts = (opts: string) => db.exec(`DROP TABLE runs_fts; CREATE VIRTUAL TABLE runs_fts USING fts5(search, content='runs', content_rowid='rowid'${opts});`);
if (variant === "none") refts(", detail=none");
if (variant === "column") refts(", detail=column");
if (variant === "am8") { refts(""); db.exec("INSERT INTO runs_fts(runs_fts, rank) VALUES('automerge', 8)"); }
if (variant === "none-am8") { refts(", detail=none"); db.exec("INSERT INTO runs_fts(runs_fts, rank) VALUES('automerge', 8)"); }
const ingest = makeIngest(db);
const t0 = Date.now() - N * 20;
const batches = [];
for (let i = 0; i < N; i += 64) {
  const b = [];
  for (let j = i; j < Math.min(N, i + 64); j++) b.push(...fakeRunSpans({ index: j, startMs: t0 + j * 20, durationMs: 50 + (j % 400), route: ["a","b","c","d"][j%4]!, states: ["pick","call","fallback","call","done"], attempts: [{ model: "x", outcome: "error", startMs: t0 + j*20, durationMs: 10, errorType: "RateLimited" }, { model: "y"+(j%4), outcome: "success", startMs: t0 + j*20+10, durationMs: 10, costUsd: 0.001, inputTokens: 10 }] }));
  batches.push(b);
}
const c = process.cpuUsage(); const t = performance.now();
for (const b of batches) ingest(b);
const cpu = process.cpuUsage(c); const wall = performance.now() - t;
console.log(variant, "cpu ms", ((cpu.user + cpu.system) / 1000).toFixed(0), "wall", wall.toFixed(0), "spans/s by cpu", (N * 8 / ((cpu.user + cpu.system) / 1e6)).toFixed(0));
