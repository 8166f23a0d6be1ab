import * as Effect from "effect/Effect";
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
): Effect.Effect<A, SwitchyardError> => {
  // Hot path: a first attempt that succeeds costs one `catch`, no generator, no Result.
  const tryFrom = (retry: number, kind: RetryKind<K>, waitedMs: number): Effect.Effect<A, SwitchyardError> =>
    Effect.catch(attempt(kind, waitedMs), (error) => {
      const routeTimedOut = error._tag === "Timeout" && error.scope === "route";
      if (routeTimedOut || !isRetryable(error) || retry >= options.maxRetries) return Effect.fail(error);
      const delay = retryDelayMs(retry + 1, error, options, random);
      if (delay === undefined || delay >= remainingMs()) return Effect.fail(error);
      return Effect.flatMap(Effect.sleep(delay), () => tryFrom(retry + 1, "retry", delay));
    });
  return Effect.suspend(() => (options.maxRetries === 0 ? attempt(firstKind, 0) : tryFrom(0, firstKind, 0)));
};
