import * as Effect from "effect/Effect";
import { defaultHealth, latencyP95, makeMemoryRouterState, type HealthOptions, type LimitResult, type ModelStats, type RouterStateService } from "@switchyard/core";
import type { Logger } from "../server/logger.js";
import { createLocalCounters } from "./local-counters.js";
import type { RedisConnection } from "./redis-connection.js";
import { addScript, admitScript, consumeScript, endCallScript, reconcileScript, recordOutcomeScript } from "./redis-scripts.js";

const EWMA_ALPHA = 0.2;
const LATENCY_RING = 64;

/** The Redis-backed state plus what the gateway needs to report and manage it. */
export interface RedisRouterState extends RouterStateService {
  /** "up" when Redis serves the shared state; "down" while the replica runs on local state. */
  readonly status: () => "up" | "down";
  /** Pushes counters accumulated during an outage (also runs on every reconnection). */
  readonly reconcile: () => Promise<void>;
}

const num = (v: string | null | undefined): number | undefined => (v == null ? undefined : Number(v));

/**
 * Core's `RouterStateService` on Redis, shared by every gateway replica: rate-limit and
 * budget counters (atomic Lua check-and-add), model stats and circuit breakers (Lua), and
 * the response cache. When Redis is unreachable each call falls back to local state at
 * once (no queueing): counters continue from the last shared total seen, and the usage
 * counted meanwhile is pushed back when Redis returns, so the shared counters include the
 * outage. During an outage each replica enforces limits on its own view, so a limit can be
 * passed by at most (replicas − 1) × limit in that window.
 * @example
 * const conn = createRedisConnection("redis://127.0.0.1:6379", log);
 * const state = makeRedisRouterState(conn, { prefix: "sy:", log });
 * const router = createRouter({ models, routes, state });
 */
export const makeRedisRouterState = (
  conn: RedisConnection,
  options: { readonly prefix: string; readonly log: Logger; readonly health?: HealthOptions },
): RedisRouterState => {
  const { prefix, log } = options;
  const health = options.health ?? defaultHealth;
  const local = makeMemoryRouterState(health);
  const counters = createLocalCounters();
  const redis = conn.client;
  // "up" only once a reconnection's deltas are pushed: checks before that would miss them.
  let up = conn.connected();
  let reconciling: Promise<void> | undefined;

  const counterKey = (key: string, windowMs: number): { k: string; ttl: number } => {
    const now = Date.now();
    const window = Math.floor(now / windowMs);
    return { k: `${prefix}c:${key}:${window}`, ttl: (window + 1) * windowMs - now + 1000 };
  };
  const modelKeys = (model: string) => [`${prefix}m:${model}`, `${prefix}lat:${model}`, `${prefix}f:${model}`] as const;

  const markDown = (e: unknown): void => {
    if (!up) return;
    up = false;
    log.warn("redis unavailable: serving on local state (degraded)", { error: e instanceof Error ? e.message : String(e) });
  };
  const shared = <A>(op: () => Promise<A>, fallback: () => A): Effect.Effect<A> =>
    Effect.promise(async () => {
      if (!up) return fallback();
      try {
        return await op();
      } catch (e) {
        markDown(e);
        return fallback();
      }
    });

  const reconcile = async (): Promise<void> => {
    const pending = counters.pending();
    for (const p of pending) {
      const { k, ttl } = { k: `${prefix}c:${p.key}:${p.window}`, ttl: (p.window + 1) * p.windowMs - Date.now() + 1000 };
      const total = Number(await reconcileScript.run(redis, [k], [p.delta, p.total, ttl]));
      counters.settled(p, total);
    }
    if (pending.length > 0) log.info("redis state reconciled", { counters: pending.length });
  };
  const onReady = (): void => {
    reconciling ??= reconcile()
      .then(() => {
        up = true;
      })
      .catch((e: unknown) => markDown(e))
      .finally(() => {
        reconciling = undefined;
      });
  };
  conn.onReady(onReady);
  conn.onDown(() => markDown(new Error("connection closed")));

  const runEffect = <A>(e: Effect.Effect<A>): A => Effect.runSync(e);

  return {
    status: () => (up ? "up" : "down"),
    reconcile: async () => {
      onReady();
      await reconciling;
    },
    recordOutcome: (model, o) =>
      shared(
        async () => {
          await recordOutcomeScript.run(redis, modelKeys(model), [
            o.ok ? "1" : "0", o.latencyMs, o.ttftMs ?? "", Date.now(), EWMA_ALPHA, health.windowMs, health.failureThreshold, health.cooldownMs, LATENCY_RING,
          ]);
        },
        () => runEffect(local.recordOutcome(model, o)),
      ),
    stats: (model) =>
      shared(
        async (): Promise<ModelStats> => {
          const [h, lat, fails] = modelKeys(model);
          const now = Date.now();
          const res = await redis
            .multi()
            .hmget(h, "ewmaL", "ewmaT", "samples", "inFlight", "openedUntil")
            .lrange(lat, 0, LATENCY_RING - 1)
            .zcount(fails, now - health.windowMs, "+inf")
            .exec();
          const [fields, latencies, failures] = (res ?? []).map(([err, v]) => {
            if (err) throw err;
            return v;
          }) as [Array<string | null>, string[], number];
          const opened = num(fields[4]) ?? 0;
          return {
            ewmaLatencyMs: num(fields[0]),
            ewmaTtftMs: num(fields[1]),
            samples: num(fields[2]) ?? 0,
            inFlight: Math.max(0, num(fields[3]) ?? 0),
            p95LatencyMs: latencyP95(latencies.map(Number)),
            recentFailures: failures,
            circuit: opened === 0 ? "closed" : now < opened ? "open" : "half-open",
          };
        },
        () => runEffect(local.stats(model)),
      ),
    admit: (model) =>
      shared(
        async () => (await admitScript.run(redis, [modelKeys(model)[0]], [Date.now()])) === 1,
        () => runEffect(local.admit(model)),
      ),
    beginCall: (model) =>
      shared(
        async () => void (await redis.hincrby(modelKeys(model)[0], "inFlight", 1)),
        () => runEffect(local.beginCall(model)),
      ),
    endCall: (model) =>
      shared(
        async () => void (await endCallScript.run(redis, [modelKeys(model)[0]], [])),
        () => runEffect(local.endCall(model)),
      ),
    consume: (key, amount, windowMs, limit) =>
      shared(
        async (): Promise<LimitResult> => {
          const { k, ttl } = counterKey(key, windowMs);
          const [allowed, total] = (await consumeScript.run(redis, [k], [amount, limit, ttl])) as [number, string];
          counters.seen(key, windowMs, Number(total));
          return { allowed: allowed === 1, total: Number(total), resetMs: ttl - 1000 };
        },
        () => counters.consume(key, amount, windowMs, limit),
      ),
    add: (key, amount, windowMs) =>
      shared(
        async () => {
          const { k, ttl } = counterKey(key, windowMs);
          const total = Number(await addScript.run(redis, [k], [amount, ttl]));
          counters.seen(key, windowMs, total);
          return total;
        },
        () => counters.add(key, amount, windowMs),
      ),
    read: (key, windowMs) =>
      shared(
        async () => {
          const total = Number((await redis.get(counterKey(key, windowMs).k)) ?? "0");
          counters.seen(key, windowMs, total);
          return total;
        },
        () => counters.read(key, windowMs),
      ),
    cacheGet: (key) =>
      shared(
        async () => (await redis.get(`${prefix}cache:${key}`)) ?? undefined,
        () => runEffect(local.cacheGet(key)),
      ),
    cacheSet: (key, value, ttlMs) =>
      shared(
        async () => void (await redis.set(`${prefix}cache:${key}`, value, "PX", Math.max(1, Math.round(ttlMs)))),
        () => runEffect(local.cacheSet(key, value, ttlMs)),
      ),
  };
};
