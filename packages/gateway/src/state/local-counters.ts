import type { LimitResult } from "@switchyard/core";

interface Shadow {
  readonly windowMs: number;
  window: number;
  /** The last total Redis reported for this window. */
  base: number;
  /** Usage counted locally while Redis was away, not yet pushed. */
  delta: number;
}

/** One counter's local usage to push to Redis after an outage. */
export interface PendingDelta {
  readonly key: string;
  readonly windowMs: number;
  readonly window: number;
  readonly delta: number;
  readonly total: number;
}

/**
 * The counters a replica keeps beside Redis: the last total seen per counter (so limits
 * during an outage start from the shared value, not zero) and the usage counted while
 * Redis was away (pushed back when it returns).
 * @example
 * const local = createLocalCounters();
 * local.consume("rpm:team-a", 1, 60_000, 10); // while Redis is down
 */
export const createLocalCounters = (now: () => number = Date.now) => {
  const shadows = new Map<string, Shadow>();
  const current = (key: string, windowMs: number): Shadow => {
    const window = Math.floor(now() / windowMs);
    let s = shadows.get(key);
    if (s === undefined || s.windowMs !== windowMs) {
      s = { windowMs, window, base: 0, delta: 0 };
      shadows.set(key, s);
    } else if (s.window !== window) {
      s.window = window;
      s.base = 0;
      s.delta = 0;
    }
    return s;
  };
  const resetMs = (s: Shadow): number => (s.window + 1) * s.windowMs - now();
  return {
    /** Remembers the shared total Redis just returned. */
    seen(key: string, windowMs: number, total: number): void {
      const s = current(key, windowMs);
      s.base = total - s.delta;
    },
    consume(key: string, amount: number, windowMs: number, limit: number): LimitResult {
      const s = current(key, windowMs);
      const total = s.base + s.delta;
      if (total + amount > limit) return { allowed: false, total, resetMs: resetMs(s) };
      s.delta += amount;
      return { allowed: true, total: total + amount, resetMs: resetMs(s) };
    },
    add(key: string, amount: number, windowMs: number): number {
      const s = current(key, windowMs);
      s.delta += amount;
      return s.base + s.delta;
    },
    read(key: string, windowMs: number): number {
      const s = current(key, windowMs);
      return s.base + s.delta;
    },
    /** Deltas of counters whose window is still open. */
    pending(): PendingDelta[] {
      const t = now();
      const out: PendingDelta[] = [];
      for (const [key, s] of shadows) {
        if (s.delta !== 0 && Math.floor(t / s.windowMs) === s.window) out.push({ key, windowMs: s.windowMs, window: s.window, delta: s.delta, total: s.base + s.delta });
      }
      return out;
    },
    /** Marks a pushed delta as settled, with Redis' resulting total. */
    settled(p: PendingDelta, total: number): void {
      const s = shadows.get(p.key);
      if (s === undefined || s.window !== p.window) return;
      s.delta -= p.delta;
      s.base = total - s.delta;
    },
  };
};
export type LocalCounters = ReturnType<typeof createLocalCounters>;
