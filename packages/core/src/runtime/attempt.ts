import * as Cause from "effect/Cause";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Result from "effect/Result";
import { Timeout, Unavailable, type ProviderError, type SwitchyardError } from "../errors/index.js";
import type { ResolvedModel } from "../graph/compile-route.js";
import type { ChatRequest } from "../schema/index.js";
import type { RouterStateService } from "../state/index.js";
import type { AttemptKind } from "./run-info.js";
import type { OpenAttempt, RunRecorder } from "./run-recorder.js";

/** What every attempt of one run shares. */
export interface AttemptEnv {
  readonly run: RunRecorder;
  readonly state: RouterStateService;
  readonly streaming: boolean;
}

/** How an attempt's work settles its record: generate settles on success; a stream settles when it ends. */
export type AttemptWork<A> = (attempt: OpenAttempt) => Effect.Effect<A, ProviderError>;

/** Maps a provider defect (a thrown bug) to a typed, fallbackable error instead of crashing the run. */
const defectToError = (model: ResolvedModel, cause: Cause.Cause<unknown>): Unavailable =>
  new Unavailable({
    message: `provider "${model.model.provider}" failed unexpectedly: ${String(Cause.squash(cause)).slice(0, 200)}`,
    model: model.name,
    provider: model.model.provider,
  });

/**
 * Runs one attempt on one model, bounded by the attempt timeout and the route deadline,
 * and records it everywhere it counts: the run's attempt list, the observer, and the
 * shared router state (in-flight, latency, failures). Interruption (a caller abort, a lost
 * hedge) aborts the upstream call and records the attempt as cancelled.
 *
 * Calling it opens the attempt's record, so call it only when the attempt starts, at run
 * time: `withRetries` invokes its attempt function lazily, which spares every routed call
 * an `Effect.suspend` step here.
 * @example
 * const response = yield* attemptOnce(env, model, "call", 0, request, (a) => model.model.generate(request));
 */
export const attemptOnce = <A>(
  env: AttemptEnv,
  model: ResolvedModel,
  kind: AttemptKind,
  waitedMs: number,
  request: ChatRequest,
  work: AttemptWork<A>,
): Effect.Effect<A, SwitchyardError> => {
  const { run, state } = env;
  const routeLeft = run.remainingMs();
  const attemptLimit = run.route.timeout.attemptMs ?? Number.POSITIVE_INFINITY;
  const limit = Math.min(routeLeft, attemptLimit);
  const scope = routeLeft <= attemptLimit ? "route" : "attempt";
  if (limit <= 0) {
    return Effect.fail(new Timeout({ message: `route "${run.route.name}" deadline passed before calling "${model.name}"`, model: model.name, scope: "route" }));
  }
  const attempt = run.begin(model, kind, request, env.streaming, waitedMs);
  const bounded =
    limit === Number.POSITIVE_INFINITY
      ? work(attempt)
      : work(attempt).pipe(
          Effect.timeoutOrElse({
            duration: limit,
            orElse: () =>
              Effect.fail(
                new Timeout({ message: `model "${model.name}" did not answer within ${Math.round(limit)} ms (${scope} timeout)`, model: model.name, provider: model.model.provider, scope }),
              ),
          }),
        );
  // One match and one exit hook per attempt: this runs on every routed call.
  const settled = Effect.matchCauseEffect(bounded, {
    onSuccess: (value: A) => Effect.as(state.recordOutcome(model.name, { ok: true, latencyMs: Date.now() - attempt.startedAt }), value),
    onFailure: (cause): Effect.Effect<A, SwitchyardError> => {
      const found = Cause.findError(cause);
      if (Result.isFailure(found) && Cause.hasInterrupts(cause)) {
        attempt.cancel();
        return Effect.failCause(cause);
      }
      const error: SwitchyardError = Result.isSuccess(found) ? found.success : defectToError(model, cause);
      attempt.fail(error);
      return Effect.andThen(state.recordOutcome(model.name, { ok: false, latencyMs: Date.now() - attempt.startedAt, errorTag: error._tag }), Effect.fail(error));
    },
  });
  return Effect.flatMap(state.beginCall(model.name), () => settled).pipe(
    Effect.onExit((exit) => {
      if (Exit.isFailure(exit) && Cause.hasInterrupts(exit.cause)) attempt.cancel();
      return state.endCall(model.name);
    }),
  );
};
