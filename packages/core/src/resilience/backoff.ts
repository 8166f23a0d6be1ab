import { retryAfterOf, type SwitchyardError } from "../errors/index.js";
import type { RetryOptions } from "../graph/route-spec.js";

/** Retry options with every default filled in. */
export type ResolvedRetry = Required<RetryOptions>;

/** The defaults: two retries, 250 ms doubling to at most 8 s, ±20% jitter, Retry-After honoured up to 30 s. */
export const defaultRetry: ResolvedRetry = {
  maxRetries: 2,
  initialDelayMs: 250,
  maxDelayMs: 8_000,
  factor: 2,
  jitter: 0.2,
  honourRetryAfter: true,
  maxRetryAfterMs: 30_000,
};

/**
 * Fills in retry defaults; `false` means no retries.
 * @example
 * resolveRetry({ maxRetries: 1 }).initialDelayMs; // 250
 */
export const resolveRetry = (options: RetryOptions | false | undefined): ResolvedRetry =>
  options === false ? { ...defaultRetry, maxRetries: 0 } : { ...defaultRetry, ...options };

/**
 * The wait before retry number `retry` (1-based) after `error`, or `undefined` when the
 * upstream asked for a wait longer than `maxRetryAfterMs` (then falling back beats waiting).
 * Exponential backoff with symmetric jitter; a longer Retry-After replaces it.
 * @example
 * retryDelayMs(1, new RateLimited({ message: "", retryAfterMs: 1200 }), defaultRetry, () => 0.5); // 1200
 */
export const retryDelayMs = (
  retry: number,
  error: SwitchyardError,
  options: ResolvedRetry,
  random: () => number = Math.random,
): number | undefined => {
  const base = Math.min(options.maxDelayMs, options.initialDelayMs * options.factor ** (retry - 1));
  const jittered = Math.max(0, base * (1 + options.jitter * (2 * random() - 1)));
  const asked = options.honourRetryAfter ? retryAfterOf(error) : undefined;
  if (asked === undefined) return Math.round(jittered);
  if (asked > options.maxRetryAfterMs) return undefined;
  return Math.round(Math.max(jittered, asked));
};
