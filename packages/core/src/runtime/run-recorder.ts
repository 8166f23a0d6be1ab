import type { SwitchyardError } from "../errors/index.js";
import { recordSpendSoon } from "../policy/spend.js";
import type { RouterStateService } from "../state/index.js";
import type { CompiledRoute, ResolvedModel } from "../graph/compile-route.js";
import { addUsage, costOfUsage, emptyUsage, type ChatRequest, type ChatResponse, type Usage } from "../schema/index.js";
import type { AttemptKind, AttemptRecord, RunInfo } from "./run-info.js";
import type { AttemptTrace, RunObserver, RunTrace } from "./run-observer.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** An attempt in progress: finished exactly once, as success, error, invalid or cancelled. */
export interface OpenAttempt {
  readonly index: number;
  readonly model: ResolvedModel;
  readonly startedAt: number;
  readonly firstToken: () => void;
  readonly succeed: (usage: Usage | undefined, response?: ChatResponse) => void;
  readonly fail: (error: SwitchyardError) => void;
  readonly cancel: () => void;
}

/**
 * The mutable record of one run (internal): path, attempts, usage and cost, and the
 * observer's trace. Only the runtime writes it; callers receive a frozen `RunInfo`.
 */
export class RunRecorder {
  // Web Crypto: the same on Node, Deno, Bun and edge runtimes.
  readonly runId = globalThis.crypto.randomUUID();
  readonly startedAt = Date.now();
  readonly path: string[] = [];
  readonly attempts: AttemptRecord[] = [];
  readonly trace: RunTrace;
  /** Epoch ms after which nothing new may start (route deadline), or undefined. */
  readonly deadline: number | undefined;
  label: string | undefined;
  ttftMs: number | undefined;
  private usage: Usage = emptyUsage();
  private cost = 0;
  private costKnown = true;

  constructor(
    readonly route: CompiledRoute,
    request: ChatRequest,
    observer: RunObserver,
    streaming: boolean,
    metadata: Readonly<Record<string, string>> | undefined,
    private readonly state: RouterStateService,
  ) {
    this.deadline = route.timeout.routeMs === undefined ? undefined : this.startedAt + route.timeout.routeMs;
    this.trace = observer.startRun({
      runId: this.runId,
      route: route.name,
      graph: route.graph,
      request,
      streaming,
      ...(metadata === undefined ? {} : { metadata }),
    });
  }

  enter(state: string): void {
    this.path.push(state);
    this.trace.enterState(state);
  }

  /** Milliseconds left before the route deadline (Infinity without one). */
  remainingMs(): number {
    return this.deadline === undefined ? Number.POSITIVE_INFINITY : this.deadline - Date.now();
  }

  begin(model: ResolvedModel, kind: AttemptKind, request: ChatRequest, streaming: boolean, waitedMs: number): OpenAttempt {
    const index = this.attempts.length + 1;
    const startedAt = Date.now();
    const slot = this.attempts.length;
    const name = model.name;
    const provider = model.model.provider;
    const providerModel = model.model.modelId;
    const trace: AttemptTrace = this.trace.startAttempt({ index, model: name, provider, providerModel, kind, request, streaming });
    let ttftMs: number | undefined;
    // Records are built field by field (no spreads): this runs on every call, and one
    // object shape per outcome keeps it cheap.
    const record = (outcome: AttemptRecord["outcome"]): Mutable<AttemptRecord> => {
      const r: Mutable<AttemptRecord> = { index, model: name, provider, providerModel, kind, startedAt, outcome, durationMs: Date.now() - startedAt };
      if (waitedMs > 0) r.waitedMs = waitedMs;
      if (ttftMs !== undefined) r.ttftMs = ttftMs;
      return r;
    };
    // Reserve the slot now so attempts stay in start order even when a hedge overlaps.
    this.attempts.push(record("cancelled"));
    let finished = false;
    const finish = (r: AttemptRecord, response?: ChatResponse, error?: SwitchyardError) => {
      if (finished) return;
      finished = true;
      this.attempts[slot] = r;
      trace.end(r, response, error);
    };
    return {
      index,
      model,
      startedAt,
      firstToken: () => {
        if (ttftMs !== undefined) return;
        ttftMs = Date.now() - startedAt;
        trace.firstToken();
      },
      succeed: (usage, response) => {
        const r = record("success");
        if (usage !== undefined) {
          r.usage = usage;
          const costUsd = this.charge(model, usage);
          if (costUsd !== undefined) r.costUsd = costUsd;
        }
        finish(r, response);
      },
      fail: (error) => {
        const r = record("error");
        r.errorTag = error._tag;
        r.errorMessage = error.message;
        if (error.status !== undefined) r.status = error.status;
        finish(r, undefined, error);
      },
      cancel: () => finish(record("cancelled")),
    };
  }

  /** Marks a successful attempt's answer as having failed validation. */
  markInvalid(index: number, reason: string): void {
    const slot = index - 1;
    const a = this.attempts[slot];
    if (a !== undefined) this.attempts[slot] = { ...a, outcome: "invalid", errorTag: "InvalidOutput", errorMessage: reason };
  }

  private charge(model: ResolvedModel, usage: Usage): number | undefined {
    this.usage = addUsage(this.usage, usage);
    const pricing = model.spec?.pricing;
    if (pricing === undefined) {
      this.costKnown = false;
      return undefined;
    }
    const c = costOfUsage(pricing, usage);
    this.cost += c;
    // Spend counters feed `policy.withinBudget`; recorded in the background so a slow
    // shared state (Redis) never delays the answer.
    if (c > 0) recordSpendSoon(this.state, model.name, c);
    return c;
  }

  info(model: string): RunInfo {
    const info: Mutable<RunInfo> = {
      runId: this.runId,
      route: this.route.name,
      model,
      path: [...this.path],
      attempts: [...this.attempts],
      usage: this.usage,
      costUsd: this.costKnown ? this.cost : undefined,
      startedAt: this.startedAt,
      durationMs: Date.now() - this.startedAt,
    };
    if (this.label !== undefined) info.label = this.label;
    if (this.ttftMs !== undefined) info.ttftMs = this.ttftMs;
    return info;
  }
}
