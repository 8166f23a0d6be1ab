/**
 * The store's tables. One row per run (root span), every span, each route graph once by
 * hash, a full-text index over the runs, and time-bucketed rollups the dashboard reads.
 * Indexes match the runs list's filters and its newest-first cursor, so pages stay fast at
 * 100k+ runs.
 */
export const SCHEMA_VERSION = 2;

/** Tables and indexes, all `IF NOT EXISTS` so the statement also completes an older store. */
export const SCHEMA = `
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
  cache_write_input_tokens INTEGER,
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

-- External-content FTS5 over runs.search (unicode61 folds case and splits on punctuation).
-- Triggers keep it in step; runs are written with UPSERT so a row keeps its rowid.
-- columnsize=0: no per-run size row (only ranking needs it, and results are by time).
CREATE VIRTUAL TABLE IF NOT EXISTS runs_fts USING fts5(search, content='runs', content_rowid='rowid', columnsize=0);
CREATE TRIGGER IF NOT EXISTS runs_fts_insert AFTER INSERT ON runs BEGIN
  INSERT INTO runs_fts (rowid, search) VALUES (new.rowid, new.search);
END;
CREATE TRIGGER IF NOT EXISTS runs_fts_delete AFTER DELETE ON runs BEGIN
  INSERT INTO runs_fts (runs_fts, rowid, search) VALUES ('delete', old.rowid, old.search);
END;
CREATE TRIGGER IF NOT EXISTS runs_fts_update AFTER UPDATE OF search ON runs WHEN old.search IS NOT new.search BEGIN
  INSERT INTO runs_fts (runs_fts, rowid, search) VALUES ('delete', old.rowid, old.search);
  INSERT INTO runs_fts (rowid, search) VALUES (new.rowid, new.search);
END;

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

-- Dashboard rollups, maintained at ingest: per grain (10 s, 1 min, 10 min, 1 h), per slot,
-- per route (finished runs) or per model (provider attempts). Latency is a sketch (see
-- latency-sketch.ts), so quantiles merge across slots without keeping every duration.
CREATE TABLE IF NOT EXISTS rollups (
  grain_ms INTEGER NOT NULL,
  slot_ms INTEGER NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  count INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  wins INTEGER NOT NULL,
  latency_min REAL,
  latency_max REAL,
  latency_sketch TEXT NOT NULL,
  input_tokens INTEGER NOT NULL,
  cached_input_tokens INTEGER NOT NULL,
  cache_write_input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  reasoning_tokens INTEGER NOT NULL,
  cost_usd REAL NOT NULL,
  PRIMARY KEY (grain_ms, slot_ms, kind, key)
) WITHOUT ROWID;
`;
