import { Effect, Result } from "effect";
import { isRetryable, type SwitchyardError } from "../errors/index.js";
import { retryDelayMs, type ResolvedRetry } from "./backoff.js";

/** Why an attempt is made: the first try on a model, or a retry of it. */
export type RetryKind<K extends string> = K | "retry";

/**
 * Runs `attempt` and retries it on the same model while the error is retryable (429,
 * timeout, overload, 5xx), waiting the backoff or the upstream's Retry-After. It never
 * sleeps past the route deadline (`remainingMs`), and gives up early when the upstream asks
 * for a wait longer than `maxRetryAfterMs`, so the route falls back instead of stalling.
 * @example
 * const answer = yield* withRetries(retry, () => Infinity, "call", (kind, waitedMs) => attemptOnce(...));
 */
export const withRetries = <A, K extends string>(
  options: ResolvedRetry,
  remainingMs: () => number,
  firstKind: K,
  attempt: (kind: RetryKind<K>, waitedMs: number) => Effect.Effect<A, SwitchyardError>,
  random: () => number = Math.random,
): Effect.Effect<A, SwitchyardError> =>
  Effect.gen(function* () {
    let kind: RetryKind<K> = firstKind;
    let waitedMs = 0;
    for (let retry = 0; ; retry++) {
      const result = yield* Effect.result(attempt(kind, waitedMs));
      if (Result.isSuccess(result)) return result.success;
      const error = result.failure;
      const routeTimedOut = error._tag === "Timeout" && error.scope === "route";
      if (routeTimedOut || !isRetryable(error) || retry >= options.maxRetries) return yield* Effect.fail(error);
      const delay = retryDelayMs(retry + 1, error, options, random);
      if (delay === undefined || delay >= remainingMs()) return yield* Effect.fail(error);
      yield* Effect.sleep(delay);
      kind = "retry";
      waitedMs = delay;
    }
  });
