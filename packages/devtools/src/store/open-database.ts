import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { migrateSchema } from "./migrate-schema.js";

/** The store's SQLite handle. */
export type Db = Database.Database;

/**
 * Opens (creating or upgrading if needed) the devtools store at `path` (":memory:" for a
 * throwaway one), in WAL mode so the UI's reads never block ingest.
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
  migrateSchema(db);
  return db;
};
