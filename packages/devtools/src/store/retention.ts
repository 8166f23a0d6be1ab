import type { Db } from "./open-database.js";
import { pruneRollups } from "./rollups.js";

/** How much the store keeps: at most `maxRuns` runs, none older than `maxAgeMs`. */
export interface Retention {
  readonly maxRuns: number;
  readonly maxAgeMs: number;
}

/** 200k runs or 7 days, whichever is reached first. @example openStore({ retention: defaultRetention }); */
export const defaultRetention: Retention = { maxRuns: 200_000, maxAgeMs: 7 * 24 * 3_600_000 };

/**
 * Deletes runs beyond the retention and every span older than the oldest run kept, and
 * dashboard rollups older than `maxAgeMs`. Returns how many runs went.
 * @example
 * enforceRetention(db, { maxRuns: 1000, maxAgeMs: 86_400_000 });
 */
export const enforceRetention = (db: Db, retention: Retention, now = Date.now()): number =>
  db.transaction(() => {
    let deleted = db.prepare("DELETE FROM runs WHERE start_ms < ?").run(now - retention.maxAgeMs).changes;
    const count = db.prepare<[], number>("SELECT COUNT(*) FROM runs").pluck().get() ?? 0;
    if (count > retention.maxRuns) {
      deleted += db
        .prepare("DELETE FROM runs WHERE run_id IN (SELECT run_id FROM runs ORDER BY start_ms DESC, run_id DESC LIMIT -1 OFFSET ?)")
        .run(retention.maxRuns).changes;
    }
    const oldest = db.prepare<[], number | null>("SELECT MIN(start_ms) FROM runs").pluck().get();
    db.prepare("DELETE FROM spans WHERE start_ms < ?").run(oldest ?? now);
    pruneRollups(db, retention.maxAgeMs, now);
    return deleted;
  })();
