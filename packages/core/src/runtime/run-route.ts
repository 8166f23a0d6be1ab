import * as Cause from "effect/Cause";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Result from "effect/Result";
import { Cancelled, InvalidOutput, NoRouteAvailable, retryAfterOf, type SwitchyardError } from "../errors/index.js";
import { DEFAULT_POOL, type CompiledRoute, type ResolvedModel } from "../graph/compile-route.js";
import type { RouteMachineEvent } from "../graph/route-machine.js";
import type { HedgeOptions } from "../graph/route-spec.js";
import type { TableSnapshot } from "../graph/transition-table.js";
import { inOrderOf } from "../policy/in-order-of.js";
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
        ? attemptOnce(env, model, k, waited, request, (a) => Effect.map(openStream(model, request, a), (stream) => ({ kind: "stream" as const, stream })))
        : attemptOnce(env, model, k, waited, request, (a) =>
            Effect.map(model.model.generate(request), (response) => {
              a.succeed(response.usage, response);
              return { kind: "response" as const, response, model };
            }),
          ),
    env.random,
  );

/** A call that took `consumed` candidates (two when a hedge started its backup). */
type CallStepResult = { readonly ok: true; readonly result: CallResult; readonly consumed: number } | { readonly ok: false; readonly error: SwitchyardError; readonly consumed: number };

/** The `call` state's work when the route hedges and a next candidate exists: a hedged pair. */
const hedgedCall = (
  env: AttemptEnv & RunEnv,
  hedgeOpts: HedgeOptions,
  model: ResolvedModel,
  backup: ResolvedModel,
  kind: AttemptKind,
  request: ChatRequest,
): Effect.Effect<CallStepResult> =>
  Effect.gen(function* () {
    const delayMs = hedgeOpts.delayMs === "p95" ? ((yield* env.state.stats(model.name)).p95LatencyMs ?? 1_000) : hedgeOpts.delayMs;
    return yield* Effect.match(hedge(callOn(env, model, kind, request), callOn(env, backup, "hedge", request), delayMs), {
      onSuccess: (r): CallStepResult => ({ ok: true, result: r.value, consumed: r.secondaryStarted ? 2 : 1 }),
      onFailure: (f): CallStepResult => ({ ok: false, error: f.error, consumed: f.secondaryStarted ? 2 : 1 }),
    });
  });

/**
 * The `call` (or `repair`) state's work on one candidate, settled into a result either way
 * and handed straight to `next`: one match frame, where a map and a flatMap would add two
 * more Effect steps to every routed call.
 */
const singleCall = <B>(
  env: AttemptEnv & RunEnv,
  model: ResolvedModel,
  kind: AttemptKind,
  request: ChatRequest,
  next: (r: CallStepResult) => Effect.Effect<B, SwitchyardError>,
): Effect.Effect<B, SwitchyardError> =>
  Effect.matchEffect(callOn(env, model, kind, request), {
    onSuccess: (result) => next({ ok: true, result, consumed: 1 }),
    onFailure: (error) => next({ ok: false, error, consumed: 1 }),
  });

const classifierFailed = (route: CompiledRoute, e: unknown) =>
  new NoRouteAvailable({ message: `route "${route.name}": classifier failed: ${e instanceof Error ? e.message : String(e)}` });

const checkLabel = (route: CompiledRoute, label: string): Effect.Effect<string, SwitchyardError> | string =>
  route.pools[label] === undefined
    ? Effect.fail(new NoRouteAvailable({ message: `route "${route.name}": classifier returned "${String(label)}", which has no pool` }))
    : label;

/** Runs the classifier: synchronously when it returns a label, as a Promise only when it returns one. */
const classifyStep = (route: CompiledRoute, request: ChatRequest): Effect.Effect<string, SwitchyardError> | string => {
  const classify = route.classify;
  if (classify === undefined) return DEFAULT_POOL;
  let label: string | Promise<string>;
  try {
    label = classify(request);
  } catch (e) {
    return Effect.fail(classifierFailed(route, e));
  }
  if (typeof label === "string") return checkLabel(route, label);
  const pending = label;
  return Effect.flatMap(
    Effect.tryPromise({ try: () => pending, catch: (e) => classifierFailed(route, e) }),
    (l) => {
      const checked = checkLabel(route, l);
      return typeof checked === "string" ? Effect.succeed(checked) : checked;
    },
  );
};

/** Orders the pool: without a pick policy the pool order stands, with no Effect to run. */
const pickStep = (env: AttemptEnv & RunEnv, label: string, request: ChatRequest): Effect.Effect<ReadonlyArray<ResolvedModel>> | ReadonlyArray<ResolvedModel> => {
  const route = env.run.route;
  const pool = route.pools[label] ?? [];
  const policy = route.pick;
  if (policy === undefined) return pool;
  return Effect.map(
    policy.order({ request, route: route.name, label: route.classify === undefined ? undefined : label, candidates: pool, state: env.state, stream: env.streaming }),
    (names) => inOrderOf(names, pool),
  );
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
    const run = new RunRecorder(route, request, env.observer, options.streaming, options.metadata, env.state);
    const aenv = { state: env.state, observer: env.observer, random: env.random, run, streaming: options.streaming };
    let snap: TableSnapshot = route.table.initial();
    let label = DEFAULT_POOL;
    let order: ReadonlyArray<ResolvedModel> = [];
    let current: CallResult | undefined;
    let value: unknown;
    let lastError: SwitchyardError | undefined;
    let asked = request;

    const onCall = (r: CallStepResult): RouteMachineEvent => {
      if (r.ok) {
        current = r.result;
        return { type: "CALL_OK", validate: current.kind === "response", consumed: r.consumed };
      }
      lastError = r.error;
      return { type: "CALL_FAILED", error: r.error._tag, consumed: r.consumed };
    };
    const onClassified = (l: string): RouteMachineEvent => {
      label = l;
      run.label = l;
      return { type: "CLASSIFIED", label: l };
    };
    const onPicked = (o: ReadonlyArray<ResolvedModel>): RouteMachineEvent => {
      order = o;
      return { type: "PICKED", order: o.map((m) => m.name) };
    };

    /** Feeds a state's event to the machine and runs on from the state it leads to. */
    const advance = (event: RouteMachineEvent): Effect.Effect<RunOutcome, SwitchyardError> => {
      snap = route.table.next(snap, event);
      return drive();
    };
    const afterCall = (r: CallStepResult) => advance(onCall(r));

    /**
     * A state's work: its event at once when it needs no I/O; otherwise an Effect that does
     * the work and runs on from there (through `advance`).
     */
    const step = (state: string): RouteMachineEvent | Effect.Effect<RunOutcome, SwitchyardError> => {
      switch (state) {
        case "classify": {
          const l = classifyStep(route, request);
          return typeof l === "string" ? onClassified(l) : Effect.flatMap(l, (x) => advance(onClassified(x)));
        }
        case "pick": {
          const o = pickStep(aenv, label, request);
          return Effect.isEffect(o) ? Effect.flatMap(o, (x) => advance(onPicked(x))) : onPicked(o);
        }
        case "call": {
          asked = request;
          const index = snap.context.index;
          const model = order[index] as ResolvedModel;
          const kind: AttemptKind = index === 0 ? "call" : "fallback";
          const backup = order[index + 1];
          const hedgeOpts = route.hedge;
          return hedgeOpts === undefined || backup === undefined
            ? singleCall(aenv, model, kind, request, afterCall)
            : Effect.flatMap(hedgedCall(aenv, hedgeOpts, model, backup, kind, request), afterCall);
        }
        case "repair":
          return singleCall(aenv, order[snap.context.index] as ResolvedModel, "repair", asked, afterCall);
        case "validate": {
          const answer = current?.kind === "response" ? current : undefined;
          const validator = route.validate;
          if (answer === undefined || validator === undefined) return { type: "VALID" };
          const verdict = validateAnswer(answer.response, validator);
          if (verdict.ok) {
            value = verdict.value;
            return { type: "VALID" };
          }
          const last = run.attempts[run.attempts.length - 1];
          if (last !== undefined) run.markInvalid(last.index, verdict.reason);
          asked = repairRequest(asked, answer.response, verdict.reason);
          lastError = invalidOutput(answer.model, verdict.reason, verdict.issues);
          return { type: "INVALID" };
        }
        default:
          return { type: "NEXT" };
      }
    };

    const finish = (): Effect.Effect<RunOutcome, SwitchyardError> => {
      run.enter(snap.state);
      if (snap.state === "done" && current !== undefined) {
        if (current.kind === "stream") return Effect.succeed({ kind: "stream", run, stream: current.stream });
        return Effect.succeed({ kind: "response", run, response: current.response, model: current.model, value });
      }
      return Effect.fail(finalError(run, lastError));
    };

    // Runs states synchronously until one needs I/O; only those cost Effect steps.
    const drive = (): Effect.Effect<RunOutcome, SwitchyardError> => {
      while (!snap.final) {
        run.enter(snap.state);
        const event = step(snap.state);
        if (Effect.isEffect(event)) return event;
        snap = route.table.next(snap, event);
      }
      return finish();
    };

    return Effect.onExit(drive(), (exit) => {
      if (Exit.isSuccess(exit)) return Effect.void;
      if (Cause.hasInterrupts(exit.cause)) run.trace.end(run.info(""), { error: cancelled(route.name) });
      else {
        const found = Cause.findError(exit.cause);
        if (Result.isSuccess(found)) run.trace.end(run.info(""), { error: found.success });
      }
      return Effect.void;
    });
  });
