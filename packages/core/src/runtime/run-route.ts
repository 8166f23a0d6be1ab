import { Effect, Result } from "effect";
import { Cancelled, InvalidOutput, NoRouteAvailable, retryAfterOf, type SwitchyardError } from "../errors/index.js";
import { DEFAULT_POOL, type CompiledRoute, type ResolvedModel } from "../graph/compile-route.js";
import type { RouteMachineEvent } from "../graph/route-machine.js";
import type { TableSnapshot } from "../graph/transition-table.js";
import { ordered } from "../policy/index.js";
import { hedge } from "../resilience/hedge.js";
import { withRetries } from "../resilience/with-retries.js";
import type { ChatRequest, ChatResponse } from "../schema/index.js";
import type { RouterStateService } from "../state/index.js";
import { attemptOnce, type AttemptEnv } from "./attempt.js";
import { openStream, type OpenStream } from "./open-stream.js";
import type { AttemptKind } from "./run-info.js";
import type { RunObserver } from "./run-observer.js";
import { RunRecorder } from "./run-recorder.js";
import { repairRequest, validateAnswer } from "./validate-answer.js";

/** What a run ends with: a whole response, or a stream opened past its first token. */
export type RunOutcome =
  | { readonly kind: "response"; readonly run: RunRecorder; readonly response: ChatResponse; readonly model: ResolvedModel; readonly value: unknown }
  | { readonly kind: "stream"; readonly run: RunRecorder; readonly stream: OpenStream };

/** Everything a run needs besides the request. */
export interface RunEnv {
  readonly state: RouterStateService;
  readonly observer: RunObserver;
  readonly random: () => number;
}

type CallResult = { readonly kind: "response"; readonly response: ChatResponse; readonly model: ResolvedModel } | { readonly kind: "stream"; readonly stream: OpenStream };

/** One call on one model (with its retries), generating or opening a stream. */
const callOn = (env: AttemptEnv & RunEnv, model: ResolvedModel, kind: AttemptKind, request: ChatRequest): Effect.Effect<CallResult, SwitchyardError> =>
  withRetries<CallResult, AttemptKind>(
    env.run.route.retry,
    () => env.run.remainingMs(),
    kind,
    (k, waited): Effect.Effect<CallResult, SwitchyardError> =>
      env.streaming
        ? attemptOnce(env, model, k, waited, request, (a) => openStream(model, request, a)).pipe(Effect.map((stream) => ({ kind: "stream" as const, stream })))
        : attemptOnce(env, model, k, waited, request, (a) =>
            model.model.generate(request).pipe(
              Effect.tap((response) => Effect.sync(() => a.succeed(response.usage, response))),
              Effect.map((response) => ({ kind: "response" as const, response, model })),
            ),
          ),
    env.random,
  );

/** The `call` state's work: one candidate, or a hedged pair when the route hedges and a next candidate exists. */
const callStep = (
  env: AttemptEnv & RunEnv,
  order: ReadonlyArray<ResolvedModel>,
  index: number,
  request: ChatRequest,
): Effect.Effect<{ readonly result: CallResult; readonly consumed: number }, { readonly error: SwitchyardError; readonly consumed: number }> => {
  const model = order[index] as ResolvedModel;
  const kind: AttemptKind = index === 0 ? "call" : "fallback";
  const backup = order[index + 1];
  const hedgeOpts = env.run.route.hedge;
  if (hedgeOpts === undefined || backup === undefined) {
    return callOn(env, model, kind, request).pipe(
      Effect.map((result) => ({ result, consumed: 1 })),
      Effect.mapError((error) => ({ error, consumed: 1 })),
    );
  }
  return Effect.gen(function* () {
    const delayMs = hedgeOpts.delayMs === "p95" ? ((yield* env.state.stats(model.name)).p95LatencyMs ?? 1_000) : hedgeOpts.delayMs;
    return yield* hedge(callOn(env, model, kind, request), callOn(env, backup, "hedge", request), delayMs).pipe(
      Effect.map((r) => ({ result: r.value, consumed: r.secondaryStarted ? 2 : 1 })),
      Effect.mapError((f) => ({ error: f.error, consumed: f.secondaryStarted ? 2 : 1 })),
    );
  });
};

const classifyStep = (route: CompiledRoute, request: ChatRequest): Effect.Effect<string, SwitchyardError> => {
  const classify = route.classify;
  if (classify === undefined) return Effect.succeed(DEFAULT_POOL);
  return Effect.tryPromise({
    try: async () => classify(request),
    catch: (e) => new NoRouteAvailable({ message: `route "${route.name}": classifier failed: ${e instanceof Error ? e.message : String(e)}` }),
  }).pipe(
    Effect.flatMap((label) =>
      route.pools[label] === undefined
        ? Effect.fail(new NoRouteAvailable({ message: `route "${route.name}": classifier returned "${String(label)}", which has no pool` }))
        : Effect.succeed(label),
    ),
  );
};

const pickStep = (env: AttemptEnv & RunEnv, label: string, request: ChatRequest): Effect.Effect<ReadonlyArray<ResolvedModel>> => {
  const route = env.run.route;
  const pool = route.pools[label] ?? [];
  const byName = new Map(pool.map((m) => [m.name, m]));
  const policy = route.pick ?? ordered();
  return policy
    .order({ request, route: route.name, label: route.classify === undefined ? undefined : label, candidates: pool, state: env.state })
    .pipe(Effect.map((names) => names.flatMap((n) => byName.get(n) ?? [])));
};

const invalidOutput = (model: ResolvedModel, reason: string, issues: ReadonlyArray<string>) =>
  new InvalidOutput({ message: `model "${model.name}": ${reason}`, model: model.name, provider: model.model.provider, issues });

const cancelled = (route: string) => new Cancelled({ message: `route "${route}": request cancelled by the caller` });

/** The error a failed run ends with: the client's own mistake as-is, otherwise "no route" carrying the last cause. */
const finalError = (run: RunRecorder, last: SwitchyardError | undefined): SwitchyardError => {
  if (last !== undefined && (last._tag === "BadRequest" || last._tag === "NoRouteAvailable" || last._tag === "Cancelled")) return last;
  const tried = new Set(run.attempts.map((a) => a.model)).size;
  const retryAfterMs = last === undefined ? undefined : retryAfterOf(last);
  return new NoRouteAvailable({
    message:
      last === undefined
        ? `route "${run.route.name}": no model available to try`
        : `route "${run.route.name}": ${tried} model(s) tried, ${run.attempts.length} attempt(s), none succeeded; last error ${last._tag}: ${last.message}`,
    ...(last === undefined ? {} : { lastError: last._tag }),
    ...(last?.status === undefined ? {} : { lastStatus: last.status }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
};

/**
 * Runs one request through a compiled route: the machine (via its transition table) says
 * which state comes next; this loop does each state's work as an Effect and feeds the
 * result back as an event. Retries, timeouts, hedging and cancellation are Effects; the
 * run's path and attempts are recorded as it goes.
 * @example
 * const outcome = yield* runRoute(route, request, env, { streaming: false });
 */
export const runRoute = (
  route: CompiledRoute,
  request: ChatRequest,
  env: RunEnv,
  options: { readonly streaming: boolean; readonly metadata?: Readonly<Record<string, string>> },
): Effect.Effect<RunOutcome, SwitchyardError> =>
  Effect.suspend(() => {
    const run = new RunRecorder(route, request, env.observer, options.streaming, options.metadata);
    const aenv = { ...env, run, streaming: options.streaming };
    let snap: TableSnapshot = route.table.initial();
    let label = DEFAULT_POOL;
    let order: ReadonlyArray<ResolvedModel> = [];
    let current: CallResult | undefined;
    let value: unknown;
    let lastError: SwitchyardError | undefined;
    let asked = request;

    const step = (state: string): Effect.Effect<RouteMachineEvent, SwitchyardError> => {
      switch (state) {
        case "classify":
          return classifyStep(route, request).pipe(
            Effect.map((l) => {
              label = l;
              run.label = l;
              return { type: "CLASSIFIED", label: l } as const;
            }),
          );
        case "pick":
          return pickStep(aenv, label, request).pipe(
            Effect.map((o) => {
              order = o;
              return { type: "PICKED", order: o.map((m) => m.name) } as const;
            }),
          );
        case "call":
        case "repair": {
          const isRepair = state === "repair";
          if (!isRepair) asked = request;
          const effect = isRepair
            ? callOn(aenv, order[snap.context.index] as ResolvedModel, "repair", asked).pipe(
                Effect.map((result) => ({ result, consumed: 1 })),
                Effect.mapError((error) => ({ error, consumed: 1 })),
              )
            : callStep(aenv, order, snap.context.index, request);
          return Effect.result(effect).pipe(
            Effect.map((r): RouteMachineEvent => {
              if (Result.isSuccess(r)) {
                current = r.success.result;
                return { type: "CALL_OK", validate: current.kind === "response", consumed: r.success.consumed };
              }
              lastError = r.failure.error;
              return { type: "CALL_FAILED", error: r.failure.error._tag, consumed: r.failure.consumed };
            }),
          );
        }
        case "validate": {
          const answer = current?.kind === "response" ? current : undefined;
          const validator = route.validate;
          if (answer === undefined || validator === undefined) return Effect.succeed({ type: "VALID" } as const);
          const verdict = validateAnswer(answer.response, validator);
          if (verdict.ok) {
            value = verdict.value;
            return Effect.succeed({ type: "VALID" } as const);
          }
          const last = run.attempts[run.attempts.length - 1];
          if (last !== undefined) run.markInvalid(last.index, verdict.reason);
          asked = repairRequest(asked, answer.response, verdict.reason);
          lastError = invalidOutput(answer.model, verdict.reason, verdict.issues);
          return Effect.succeed({ type: "INVALID" } as const);
        }
        default:
          return Effect.succeed({ type: "NEXT" } as const);
      }
    };

    const loop: Effect.Effect<RunOutcome, SwitchyardError> = Effect.gen(function* () {
      while (!snap.final) {
        run.enter(snap.state);
        const event = yield* step(snap.state);
        snap = route.table.next(snap, event);
      }
      run.enter(snap.state);
      if (snap.state === "done" && current !== undefined) {
        if (current.kind === "stream") return { kind: "stream", run, stream: current.stream } as const;
        return { kind: "response", run, response: current.response, model: current.model, value } as const;
      }
      return yield* Effect.fail(finalError(run, lastError));
    });

    return loop.pipe(
      Effect.tapError((error) => Effect.sync(() => run.trace.end(run.info(""), { error }))),
      Effect.onInterrupt(() => Effect.sync(() => run.trace.end(run.info(""), { error: cancelled(route.name) }))),
    );
  });

