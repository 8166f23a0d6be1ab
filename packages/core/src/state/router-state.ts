import * as Context from "effect/Context";
import * as Effect from "effect/Effect";
import * as Layer from "effect/Layer";
import type { SwitchyardErrorTag } from "../errors/index.js";
import { LatencyWindow } from "./latency-window.js";

/** The outcome of one provider attempt, as recorded for health and latency stats. */
export interface AttemptOutcome {
  readonly ok: boolean;
  readonly latencyMs: number;
  /** Time to first token, for streams. */
  readonly ttftMs?: number;
  readonly errorTag?: SwitchyardErrorTag;
}

/** Circuit-breaker position of a model: closed (healthy), open (cooling down), half-open (one probe allowed). */
export type CircuitState = "closed" | "open" | "half-open";

/**
 * Live statistics of one model, shared by every replica when the state is in Redis.
 * @example
 * const s: ModelStats = { ewmaLatencyMs: 120, ewmaTtftMs: 40, p95LatencyMs: 300, inFlight: 2, recentFailures: 0, samples: 50, circuit: "closed" };
 */
export interface ModelStats {
  readonly ewmaLatencyMs: number | undefined;
  readonly ewmaTtftMs: number | undefined;
  readonly p95LatencyMs: number | undefined;
  readonly inFlight: number;
  /** Failures inside the health window. */
  readonly recentFailures: number;
  readonly samples: number;
  readonly circuit: CircuitState;
}

/** Health settings: a model with `failureThreshold` failures within `windowMs` is cooled down for `cooldownMs`, then probed once. */
export interface HealthOptions {
  readonly failureThreshold: number;
  readonly windowMs: number;
  readonly cooldownMs: number;
}

/** Result of an atomic check-and-add against a limit. */
export interface LimitResult {
  readonly allowed: boolean;
  /** The total after the add (or the current total when not allowed). */
  readonly total: number;
  /** Milliseconds until the current window resets. */
  readonly resetMs: number;
}

/**
 * Everything that must be shared when several gateway replicas run one router: model
 * stats and health, in-flight counts, rate-limit windows, spend, and the response cache.
 * In memory by default; the gateway supplies a Redis-backed Layer for many replicas.
 * Nothing else in Switchyard keeps cross-request state.
 */
export interface RouterStateService {
  /** Records an attempt's outcome (latency EWMA, p95, failures, circuit transitions). */
  readonly recordOutcome: (model: string, outcome: AttemptOutcome) => Effect.Effect<void>;
  readonly stats: (model: string) => Effect.Effect<ModelStats>;
  /**
   * True when the model may be called now: its circuit is closed, or half-open and this
   * caller won the single probe slot.
   */
  readonly admit: (model: string) => Effect.Effect<boolean>;
  readonly beginCall: (model: string) => Effect.Effect<void>;
  readonly endCall: (model: string) => Effect.Effect<void>;
  /**
   * Adds `amount` to the counter `key` in the current fixed window of `windowMs`, unless
   * that would pass `limit`. Atomic across replicas.
   */
  readonly consume: (key: string, amount: number, windowMs: number, limit: number) => Effect.Effect<LimitResult>;
  /** Adds without checking (e.g. actual tokens after a call). */
  readonly add: (key: string, amount: number, windowMs: number) => Effect.Effect<number>;
  /** Reads the counter `key` in the current window. */
  readonly read: (key: string, windowMs: number) => Effect.Effect<number>;
  readonly cacheGet: (key: string) => Effect.Effect<string | undefined>;
  readonly cacheSet: (key: string, value: string, ttlMs: number) => Effect.Effect<void>;
}

/**
 * The `RouterState` service tag. Provide `RouterState.memory()` (the default) or a Redis Layer.
 * @example
 * const stats = yield* RouterState.use((s) => s.stats("fast"));
 */
export class RouterState extends Context.Service<RouterState, RouterStateService>()("switchyard/RouterState") {}

/** Default health settings: 5 failures in 30 s cool a model down for 15 s. */
export const defaultHealth: HealthOptions = { failureThreshold: 5, windowMs: 30_000, cooldownMs: 15_000 };

const EWMA_ALPHA = 0.2;
const LATENCY_RING = 64;

interface ModelCell {
  ewmaLatencyMs: number | undefined;
  ewmaTtftMs: number | undefined;
  latencies: LatencyWindow;
  inFlight: number;
  failures: number[];
  samples: number;
  openedUntil: number;
  /** When the half-open probe slot was taken (0: free). It expires after `cooldownMs`, so a cancelled probe cannot exclude the model forever. */
  probingSince: number;
}

const ewma = (prev: number | undefined, x: number): number => (prev === undefined ? x : prev + EWMA_ALPHA * (x - prev));

/**
 * Builds the in-memory state service (one process). `now` is injectable for tests.
 * @example
 * const state = makeMemoryRouterState();
 * Effect.runSync(state.recordOutcome("fast", { ok: true, latencyMs: 80 }));
 */
export const makeMemoryRouterState = (
  health: HealthOptions = defaultHealth,
  now: () => number = Date.now,
): RouterStateService => {
  const models = new Map<string, ModelCell>();
  const counters = new Map<string, { window: number; total: number }>();
  const cache = new Map<string, { value: string; expires: number }>();

  const cell = (model: string): ModelCell => {
    let c = models.get(model);
    if (c === undefined) {
      c = { ewmaLatencyMs: undefined, ewmaTtftMs: undefined, latencies: new LatencyWindow(LATENCY_RING), inFlight: 0, failures: [], samples: 0, openedUntil: 0, probingSince: 0 };
      models.set(model, c);
    }
    return c;
  };
  const circuitOf = (c: ModelCell, t: number): CircuitState =>
    c.openedUntil === 0 ? "closed" : t < c.openedUntil ? "open" : "half-open";
  const counter = (key: string, windowMs: number) => {
    const window = Math.floor(now() / windowMs);
    let c = counters.get(key);
    if (c === undefined || c.window !== window) {
      c = { window, total: 0 };
      counters.set(key, c);
    }
    return { c, resetMs: (window + 1) * windowMs - now() };
  };

  return {
    recordOutcome: (model, o) =>
      Effect.sync(() => {
        const c = cell(model);
        const t = now();
        c.samples++;
        if (o.ok) {
          c.ewmaLatencyMs = ewma(c.ewmaLatencyMs, o.latencyMs);
          if (o.ttftMs !== undefined) c.ewmaTtftMs = ewma(c.ewmaTtftMs, o.ttftMs);
          c.latencies.add(o.latencyMs);
          // A success closes the circuit (the half-open probe worked).
          c.openedUntil = 0;
          c.probingSince = 0;
          c.failures = [];
          return;
        }
        c.failures = c.failures.filter((f) => t - f < health.windowMs);
        c.failures.push(t);
        const state = circuitOf(c, t);
        if (state === "half-open" || c.failures.length >= health.failureThreshold) {
          c.openedUntil = t + health.cooldownMs;
          c.probingSince = 0;
        }
      }),
    stats: (model) =>
      Effect.sync(() => {
        const c = cell(model);
        const t = now();
        return {
          ewmaLatencyMs: c.ewmaLatencyMs,
          ewmaTtftMs: c.ewmaTtftMs,
          p95LatencyMs: c.latencies.p95(),
          inFlight: c.inFlight,
          recentFailures: c.failures.filter((f) => t - f < health.windowMs).length,
          samples: c.samples,
          circuit: circuitOf(c, t),
        };
      }),
    admit: (model) =>
      Effect.sync(() => {
        const c = cell(model);
        const t = now();
        const state = circuitOf(c, t);
        if (state === "closed") return true;
        if (state === "open" || (c.probingSince !== 0 && t - c.probingSince < health.cooldownMs)) return false;
        c.probingSince = t;
        return true;
      }),
    beginCall: (model) => Effect.sync(() => void cell(model).inFlight++),
    endCall: (model) =>
      Effect.sync(() => {
        const c = cell(model);
        c.inFlight = Math.max(0, c.inFlight - 1);
      }),
    consume: (key, amount, windowMs, limit) =>
      Effect.sync(() => {
        const { c, resetMs } = counter(key, windowMs);
        if (c.total + amount > limit) return { allowed: false, total: c.total, resetMs };
        c.total += amount;
        return { allowed: true, total: c.total, resetMs };
      }),
    add: (key, amount, windowMs) =>
      Effect.sync(() => {
        const { c } = counter(key, windowMs);
        c.total += amount;
        return c.total;
      }),
    read: (key, windowMs) => Effect.sync(() => counter(key, windowMs).c.total),
    cacheGet: (key) =>
      Effect.sync(() => {
        const hit = cache.get(key);
        if (hit === undefined) return undefined;
        if (hit.expires <= now()) {
          cache.delete(key);
          return undefined;
        }
        return hit.value;
      }),
    cacheSet: (key, value, ttlMs) => Effect.sync(() => void cache.set(key, { value, expires: now() + ttlMs })),
  };
};

/**
 * A Layer with the in-memory state.
 * @example
 * program.pipe(Effect.provide(memoryRouterStateLayer()));
 */
export const memoryRouterStateLayer = (health?: HealthOptions): Layer.Layer<RouterState> =>
  Layer.succeed(RouterState, makeMemoryRouterState(health));
