import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

/** The store's SQLite handle. */
export type Db = Database.Database;

// One row per run (root span), every span, and each route graph once by hash. Indexes match
// the runs list's filters and its newest-first cursor, so pages stay fast at 100k+ runs.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  run_id TEXT PRIMARY KEY,
  trace_id TEXT NOT NULL,
  root_span_id TEXT,
  route TEXT NOT NULL DEFAULT '',
  label TEXT,
  model TEXT,
  service TEXT,
  status TEXT NOT NULL,
  error_type TEXT,
  error_message TEXT,
  start_ms REAL NOT NULL,
  end_ms REAL,
  duration_ms REAL,
  ttft_ms REAL,
  attempts INTEGER NOT NULL DEFAULT 0,
  cost_usd REAL,
  input_tokens INTEGER,
  output_tokens INTEGER,
  cached_input_tokens INTEGER,
  reasoning_tokens INTEGER,
  path TEXT NOT NULL DEFAULT '[]',
  graph_hash TEXT,
  search TEXT NOT NULL DEFAULT '',
  updated_ms REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_by_time ON runs (start_ms DESC, run_id DESC);
CREATE INDEX IF NOT EXISTS runs_by_route ON runs (route, start_ms DESC);
CREATE INDEX IF NOT EXISTS runs_by_model ON runs (model, start_ms DESC);
CREATE INDEX IF NOT EXISTS runs_by_status ON runs (status, start_ms DESC);
CREATE TABLE IF NOT EXISTS spans (
  trace_id TEXT NOT NULL,
  span_id TEXT NOT NULL,
  parent_span_id TEXT,
  run_id TEXT,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  start_ms REAL NOT NULL,
  end_ms REAL NOT NULL,
  status_code INTEGER NOT NULL,
  status_message TEXT,
  attributes TEXT NOT NULL,
  events TEXT NOT NULL,
  service TEXT,
  PRIMARY KEY (trace_id, span_id)
);
CREATE INDEX IF NOT EXISTS spans_by_run ON spans (run_id);
CREATE INDEX IF NOT EXISTS spans_by_time ON spans (start_ms);
CREATE TABLE IF NOT EXISTS graphs (
  hash TEXT PRIMARY KEY,
  route TEXT NOT NULL,
  graph TEXT NOT NULL,
  received_ms REAL NOT NULL
);
`;

/**
 * Opens (creating if needed) the devtools store at `path` (":memory:" for a throwaway one),
 * in WAL mode so the UI's reads never block ingest.
 * @example
 * const db = openDatabase(".switchyard/devtools.db");
 */
export const openDatabase = (path: string): Db => {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  // NORMAL in WAL mode survives a process crash; only a power cut can lose the last commits.
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.exec(SCHEMA);
  return db;
};
