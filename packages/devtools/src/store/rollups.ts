import type { Db } from "./open-database.js";
import { addSample, cellFromRow, emptyCell, mergeCell, rowFromCell, type RollupCell, type RollupKind, type RollupRow, type RollupSample } from "./rollup-cell.js";

/**
 * Rollup grains. The dashboard reads the coarsest grain that still gives it the buckets it
 * asked for, so it scans about (buckets × routes or models) rows whatever the run count.
 * The 10 s grain is kept a day; the others as long as runs are (retention `maxAgeMs`).
 */
export const GRAINS: ReadonlyArray<{ readonly ms: number; readonly keepMs?: number }> = [
  { ms: 10_000, keepMs: 86_400_000 },
  { ms: 60_000 },
  { ms: 600_000 },
  { ms: 3_600_000 },
];

/**
 * Builds the rollup writer: it folds samples into one cell per grain, slot, kind and key,
 * then adds each cell to its stored row. Call it inside the ingest transaction so a batch's
 * spans and their rollups commit together.
 * @example
 * const addToRollups = makeRollupWriter(db);
 * addToRollups([runSample(run), ...attempts.map(attemptSample)]);
 */
export const makeRollupWriter = (db: Db): ((samples: Iterable<RollupSample>) => void) => {
  const read = db.prepare<[number, number, string, string], RollupRow>("SELECT * FROM rollups WHERE grain_ms = ? AND slot_ms = ? AND kind = ? AND key = ?");
  const write = db.prepare(
    `INSERT OR REPLACE INTO rollups (grain_ms, slot_ms, kind, key, count, errors, wins, latency_min, latency_max, latency_sketch,
       input_tokens, cached_input_tokens, cache_write_input_tokens, output_tokens, reasoning_tokens, cost_usd)
     VALUES (@grain_ms, @slot_ms, @kind, @key, @count, @errors, @wins, @latency_min, @latency_max, @latency_sketch,
       @input_tokens, @cached_input_tokens, @cache_write_input_tokens, @output_tokens, @reasoning_tokens, @cost_usd)`,
  );
  return (samples) => {
    const cells = new Map<string, { grainMs: number; slotMs: number; kind: RollupKind; key: string; cell: RollupCell }>();
    for (const s of samples) {
      for (const grain of GRAINS) {
        const slotMs = Math.floor(s.startMs / grain.ms) * grain.ms;
        const id = `${grain.ms}\u0000${slotMs}\u0000${s.kind}\u0000${s.key}`;
        let entry = cells.get(id);
        if (!entry) cells.set(id, (entry = { grainMs: grain.ms, slotMs, kind: s.kind, key: s.key, cell: emptyCell() }));
        addSample(entry.cell, s);
      }
    }
    for (const { grainMs, slotMs, kind, key, cell } of cells.values()) {
      const stored = read.get(grainMs, slotMs, kind, key);
      if (stored) mergeCell(cell, cellFromRow(stored));
      write.run(rowFromCell(grainMs, slotMs, kind, key, cell));
    }
  };
};

/**
 * Drops rollup slots older than each grain keeps (and never older than `maxAgeMs`).
 * Count-based retention leaves rollups alone: the dashboard keeps counting runs whose
 * detail was evicted, as a metrics store outlives its traces.
 * @example
 * pruneRollups(db, 7 * 86_400_000);
 */
export const pruneRollups = (db: Db, maxAgeMs: number, now = Date.now()): void => {
  const del = db.prepare("DELETE FROM rollups WHERE grain_ms = ? AND slot_ms < ?");
  for (const g of GRAINS) del.run(g.ms, now - Math.min(g.keepMs ?? Infinity, maxAgeMs) - g.ms);
};
