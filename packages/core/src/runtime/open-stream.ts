import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Pull from "effect/Pull";
import * as Scope from "effect/Scope";
import * as Stream from "effect/Stream";
import type { ProviderError } from "../errors/index.js";
import type { ResolvedModel } from "../graph/compile-route.js";
import { isContentEvent, type ChatRequest, type StreamEvent } from "../schema/index.js";
import type { OpenAttempt } from "./run-recorder.js";

/**
 * A provider stream opened up to its first content event. Until then it may still fall
 * back; after, the consumer owns it and must close `scope`.
 */
export interface OpenStream {
  readonly model: ResolvedModel;
  readonly attempt: OpenAttempt;
  /** Events read while opening (metadata, then the first content). */
  readonly buffered: ReadonlyArray<StreamEvent>;
  /** The rest of the stream, pulled on demand (ends with `Cause.Done`). */
  readonly pull: Pull.Pull<readonly [StreamEvent, ...StreamEvent[]], ProviderError>;
  /** True when the stream already ended while opening. */
  readonly ended: boolean;
  readonly scope: Scope.Closeable;
}

/**
 * Opens `model`'s stream and reads until the first content event (text, reasoning or
 * tool-call delta), so a failure before any token reaches the caller can still fall back.
 * The upstream connection lives in a scope the consumer closes; a failed open closes it.
 * @example
 * const open = yield* openStream(model, request, attempt);
 */
export const openStream = (model: ResolvedModel, request: ChatRequest, attempt: OpenAttempt): Effect.Effect<OpenStream, ProviderError> =>
  Effect.gen(function* () {
    const scope = yield* Scope.make();
    const opening = Effect.gen(function* () {
      const pull = yield* Scope.provide(Stream.toPull(model.model.stream(request)), scope);
      const next = pull.pipe(Pull.catchDone(() => Effect.succeed(undefined)));
      const buffered: StreamEvent[] = [];
      for (;;) {
        const chunk = yield* next;
        if (chunk === undefined) return { model, attempt, buffered, pull, ended: true, scope };
        buffered.push(...chunk);
        if (chunk.some(isContentEvent)) {
          attempt.firstToken();
          return { model, attempt, buffered, pull, ended: false, scope };
        }
      }
    });
    return yield* opening.pipe(Effect.onExit((exit) => (Exit.isSuccess(exit) ? Effect.void : Scope.close(scope, exit))));
  });
