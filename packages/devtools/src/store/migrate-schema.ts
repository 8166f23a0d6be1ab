import type { Db } from "./open-database.js";
import { rebuildRollups } from "./rollup-samples.js";
import { SCHEMA, SCHEMA_VERSION } from "./schema.js";

/**
 * Creates the schema, or brings an older store up to date without losing its runs:
 * a store from before versioning (user_version 0: no full-text index, no rollups) gains the cache-write column, the FTS5 index
 * (rebuilt from the stored search text) and rollups (recomputed from runs and spans).
 * @example
 * migrateSchema(new Database(path));
 */
export const migrateSchema = (db: Db): void => {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version >= SCHEMA_VERSION) return;
  const hasRuns = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'runs'").get() !== undefined;
  db.transaction(() => {
    if (hasRuns) {
      const columns = db.prepare<[], { name: string }>("PRAGMA table_info(runs)").all().map((c) => c.name);
      if (!columns.includes("cache_write_input_tokens")) db.exec("ALTER TABLE runs ADD COLUMN cache_write_input_tokens INTEGER");
    }
    db.exec(SCHEMA);
    if (hasRuns) {
      db.exec("INSERT INTO runs_fts (runs_fts) VALUES ('rebuild')");
      rebuildRollups(db);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
};
