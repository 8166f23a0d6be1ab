import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { makeIngest } from "../src/store/ingest-spans.js";
import { openDatabase, type Db } from "../src/store/open-database.js";
import { enforceRetention } from "../src/store/retention.js";
import { filterOptions, ftsQuery, listRuns } from "../src/store/run-queries.js";
import { openTraceStore } from "../src/store/trace-store.js";
import { fakeRunSpans, type FakeRun } from "./fake-run-spans.js";

const T0 = Date.UTC(2026, 10, 26, 10);
const run = (index: number, model: string, failed = false, errorMessage?: string): FakeRun => ({
  index, startMs: T0 + index * 1000, durationMs: 50, route: index % 2 ? "extract" : "support", states: ["call", failed ? "failed" : "done"], failed,
  ...(errorMessage ? { errorMessage } : {}),
  attempts: [{ model, outcome: failed ? "error" : "success", startMs: T0 + index * 1000, durationMs: 40, ...(failed ? { errorType: "RateLimited" } : { costUsd: 0.001 }) }],
});
const ids = (db: Db, q: string, extra: Parameters<typeof listRuns>[1] = {}) => listRuns(db, { q, ...extra }).runs.map((r) => r.runId).sort();
const ftsIntact = (db: Db) => db.exec("INSERT INTO runs_fts (runs_fts) VALUES ('integrity-check')");

describe("free-text search over the FTS5 index", () => {
  let db: Db;
  afterEach(() => db.close());

  it("matches words by prefix, ids and model names as phrases, and combines with filters", () => {
    db = openDatabase(":memory:");
    const ingest = makeIngest(db);
    ingest([
      ...fakeRunSpans(run(1, "gpt-4o-mini")),
      ...fakeRunSpans(run(2, "claude-haiku", true, "Upstream parcel service unavailable")),
      ...fakeRunSpans(run(3, "gpt-4o")),
      ...fakeRunSpans(run(12, "gemini-flash")),
    ]);
    expect(ids(db, "parc")).toEqual(["run-2"]); // prefix of "parcel"
    expect(ids(db, "PARCEL unavail")).toEqual(["run-2"]); // case-folded, every word required
    expect(ids(db, "parcel gemini")).toEqual([]);
    expect(ids(db, "gpt-4o")).toEqual(["run-1", "run-3"]);
    expect(ids(db, "gpt-4o-mini")).toEqual(["run-1"]);
    expect(ids(db, "run-1")).toEqual(["run-1", "run-12"]); // "run" then a token starting "1"
    expect(ids(db, "ratelimited")).toEqual(["run-2"]);
    expect(ids(db, "gpt", { route: "extract" })).toEqual(["run-1", "run-3"]);
    expect(ids(db, "gpt", { route: "support" })).toEqual([]);
    // The dropdowns list winners only: run-2 failed, so claude-haiku is not a run's model.
    expect(filterOptions(db)).toEqual({ routes: ["extract", "support"], models: ["gemini-flash", "gpt-4o", "gpt-4o-mini"] });
    ftsIntact(db);
  });

  it("gives the same newest-first pages whether a word matches few runs or many", () => {
    db = openDatabase(":memory:");
    const ingest = makeIngest(db);
    // 2,500 runs match "common" (more than the few-matches strategy takes), 30 match "rare".
    for (let i = 0; i < 2600; i += 100) {
      ingest(Array.from({ length: 100 }, (_, k) => fakeRunSpans(run(i + k, i + k < 2500 ? "common" : "rare"))).flat());
    }
    const all = (q: string) => {
      const out: string[] = [];
      let cursor: string | undefined;
      do {
        const page = listRuns(db, { q, limit: 500, ...(cursor ? { cursor } : {}) });
        out.push(...page.runs.map((r) => r.runId));
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    };
    const newestFirst = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => `run-${to - 1 - k}`);
    expect(all("common")).toEqual(newestFirst(0, 2500));
    expect(all("rare")).toEqual(newestFirst(2500, 2600));
    expect(listRuns(db, { q: "common", route: "extract", limit: 3 }).runs.map((r) => r.runId)).toEqual(["run-2499", "run-2497", "run-2495"]);
  });

  it("treats FTS5 syntax in the input as text and ignores words with no letter or digit", () => {
    db = openDatabase(":memory:");
    makeIngest(db)([...fakeRunSpans(run(1, "m-one")), ...fakeRunSpans(run(2, "m-two"))]);
    for (const q of ['"', "OR", "NEAR(one", "one*", "one OR", "-one", "(one", "one:two", "^one"]) {
      expect(() => listRuns(db, { q }), q).not.toThrow();
    }
    expect(ids(db, "one OR")).toEqual([]); // "or" is a word to find, not an operator
    expect(ids(db, "(one")).toEqual(["run-1"]);
    expect(ftsQuery("%% --")).toBeUndefined();
    expect(ids(db, "%% --")).toEqual(["run-1", "run-2"]); // nothing searchable: no text filter
  });

  it("keeps the index in step as a run goes from running to final, and when retention deletes it", () => {
    db = openDatabase(":memory:");
    const ingest = makeIngest(db);
    const spans = fakeRunSpans(run(5, "alpha", true, "quota exhausted"));
    const root = spans.filter((s) => s.name.startsWith("switchyard.route"));
    ingest(spans.filter((s) => !root.includes(s)));
    expect(listRuns(db, { q: "alpha" }).runs.map((r) => [r.runId, r.status])).toEqual([["run-5", "running"]]);
    expect(ids(db, "quota")).toEqual([]);
    ingest(root);
    expect(listRuns(db, { q: "quota alpha" }).runs.map((r) => [r.runId, r.status])).toEqual([["run-5", "error"]]);
    ingest(fakeRunSpans(run(6, "beta")));
    ftsIntact(db);
    expect(enforceRetention(db, { maxRuns: 1, maxAgeMs: 365 * 86_400_000 }, T0 + 10_000)).toBe(1);
    expect(ids(db, "alpha")).toEqual([]);
    expect(ids(db, "beta")).toEqual(["run-6"]);
    ftsIntact(db);
  });
});

describe("upgrading a store written before the FTS index and rollups", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("keeps its runs, indexes them for search and counts them on the dashboard", () => {
    dir = mkdtempSync(join(tmpdir(), "devtools-migrate-"));
    const path = join(dir, "old.db");
    // Write with today's ingest, then take the store back to the old shape (no cache-write
    // column, no FTS, no rollups, user_version 0): what a previous devtools left on disk.
    const fresh = openDatabase(path);
    makeIngest(fresh)([...fakeRunSpans(run(1, "legacy-model", true, "old failure")), ...fakeRunSpans(run(2, "other"))]);
    fresh.close();
    const old = new Database(path);
    old.exec(`DROP TABLE rollups; DROP TRIGGER runs_fts_insert; DROP TRIGGER runs_fts_delete; DROP TRIGGER runs_fts_update; DROP TABLE runs_fts;
      ALTER TABLE runs DROP COLUMN cache_write_input_tokens; PRAGMA user_version = 0;`);
    old.close();

    const store = openTraceStore({ path });
    try {
      expect(store.listRuns({ q: "old failure" }).runs.map((r) => r.runId)).toEqual(["run-1"]);
      const d = store.dashboard({ from: T0, to: T0 + 60_000 }, T0 + 60_000);
      expect(d.totals).toMatchObject({ count: 2, errors: 1 });
      expect(d.byModel.map((m) => [m.key, m.count, m.errors]).sort()).toEqual([["legacy-model", 1, 1], ["other", 1, 0]]);
      store.ingest(fakeRunSpans(run(3, "new-model")));
      expect(store.listRuns({ q: "new-model" }).runs.map((r) => r.runId)).toEqual(["run-3"]);
    } finally {
      store.close();
    }
  });
});
