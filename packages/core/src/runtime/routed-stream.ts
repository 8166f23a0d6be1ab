import type * as Arr from "effect/Array";
import * as Cause from "effect/Cause";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Pull from "effect/Pull";
import * as Scope from "effect/Scope";
import * as Stream from "effect/Stream";
import { Timeout, type ProviderError, type SwitchyardError } from "../errors/index.js";
import type { TimeoutOptions } from "../graph/route-spec.js";
import type { RouterStateService } from "../state/index.js";
import type { StreamEvent, Usage } from "../schema/index.js";
import type { RouterStreamEvent } from "./run-info.js";
import type { OpenStream } from "./open-stream.js";
import type { RunRecorder } from "./run-recorder.js";

/**
 * Bounds the silence between a stream's events after its first token, so a stalled upstream
 * ends the stream with a `Timeout`. A pull that completes at once (events already buffered)
 * costs no timer; one that has to wait runs on its own fiber against one plain timer.
 * `Effect.timeoutOrElse` would race every pull against a sleep on two more fibers, which a
 * held stream keeps alive the whole time it waits.
 */
const withIdleTimeout = (open: OpenStream, timeout: TimeoutOptions): OpenStream["pull"] => {
  const idleMs = timeout.idleMs ?? timeout.attemptMs ?? 60_000;
  const stalled = () =>
    new Timeout({ message: `model "${open.model.name}" sent nothing for ${idleMs} ms mid-stream`, model: open.model.name, provider: open.model.model.provider, scope: "attempt" });
  return Effect.callback((resume) => {
    const fiber = Effect.runFork(open.pull);
    const done = fiber.pollUnsafe();
    if (done !== undefined) {
      resume(done);
      return;
    }
    const timer = setTimeout(() => {
      stop();
      fiber.interruptUnsafe();
      resume(Effect.fail(stalled()));
    }, idleMs);
    const stop = fiber.addObserver((exit) => {
      clearTimeout(timer);
      resume(exit);
    });
    return Effect.sync(() => {
      clearTimeout(timer);
      stop();
      fiber.interruptUnsafe();
    });
  });
};

const lastUsage = (events: ReadonlyArray<StreamEvent>, prior: Usage | undefined): Usage | undefined => {
  let usage = prior;
  for (const ev of events) if (ev.type === "usage") usage = ev.usage;
  return usage;
};

type Phase = "buffered" | "live" | "finishing" | "ended";

/**
 * The rest of a routed stream once it is past its first token: the events read while
 * opening, then the live ones (each pull bounded by the idle timeout), then a final `run`
 * event with the run's record. It settles the attempt (success, failure with the error
 * recorded in the router state, or cancellation when the consumer stops early), ends the
 * trace, and closes the upstream on exit. One hand-written pull: a pipeline of generic
 * combinators (concat, tap, tapError, ensuring...) cost closures and steps per event and
 * per stream.
 * @example
 * const events = routedStream(run, open, state); // Stream<RouterStreamEvent, SwitchyardError>
 */
export const routedStream = (run: RunRecorder, open: OpenStream, state: RouterStateService): Stream.Stream<RouterStreamEvent, SwitchyardError> => {
  run.ttftMs = open.attempt.startedAt - run.startedAt + (Date.now() - open.attempt.startedAt);
  let usage = lastUsage(open.buffered, undefined);
  let phase: Phase = open.buffered.length > 0 ? "buffered" : open.ended ? "finishing" : "live";
  const live = open.ended ? undefined : withIdleTimeout(open, run.route.timeout);

  const finish = (): Arr.NonEmptyReadonlyArray<RouterStreamEvent> => {
    phase = "ended";
    open.attempt.succeed(usage);
    const info = run.info(open.model.name);
    run.trace.end(info, {});
    return [{ type: "run", run: info }];
  };
  const fail = (error: ProviderError): Effect.Effect<never, ProviderError> => {
    phase = "ended";
    open.attempt.fail(error);
    return Effect.andThen(
      state.recordOutcome(open.model.name, { ok: false, latencyMs: Date.now() - open.attempt.startedAt, errorTag: error._tag }),
      Effect.suspend(() => {
        run.trace.end(run.info(open.model.name), { error });
        return Effect.fail(error);
      }),
    );
  };
  const pullLive = (pull: OpenStream["pull"]): Pull.Pull<Arr.NonEmptyReadonlyArray<RouterStreamEvent>, ProviderError> =>
    Effect.matchCauseEffect(pull, {
      onSuccess: (chunk) => {
        usage = lastUsage(chunk, usage);
        return Effect.succeed(chunk);
      },
      onFailure: (cause) => {
        if (Pull.isDoneCause(cause)) return Effect.succeed(finish());
        const error = cause.reasons.find((r) => r._tag === "Fail");
        return error !== undefined && error._tag === "Fail" && !Cause.isDone(error.error) ? fail(error.error) : Effect.failCause(cause as Cause.Cause<ProviderError>);
      },
    });

  const pull: Pull.Pull<Arr.NonEmptyReadonlyArray<RouterStreamEvent>, ProviderError> = Effect.suspend(() => {
    switch (phase) {
      case "buffered":
        phase = live === undefined ? "finishing" : "live";
        return Effect.succeed(open.buffered as Arr.NonEmptyReadonlyArray<StreamEvent>);
      case "live":
        return live === undefined ? Effect.succeed(finish()) : pullLive(live);
      case "finishing":
        return Effect.succeed(finish());
      case "ended":
        return Cause.done();
    }
  });
  return Stream.fromPull(Effect.succeed(pull)).pipe(
    Stream.ensuring(
      Effect.suspend(() => {
        if (phase !== "ended") open.attempt.cancel();
        return Scope.close(open.scope, Exit.void);
      }),
    ),
  );
};
