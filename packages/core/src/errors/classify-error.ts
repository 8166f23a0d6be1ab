import type { SwitchyardError, SwitchyardErrorTag } from "./switchyard-errors.js";

/**
 * What routing may do after an error: retry the same model, fall back to another, or neither.
 * @example
 * errorPolicy.RateLimited; // { retry: true, fallback: true }
 */
export const errorPolicy: Readonly<Record<SwitchyardErrorTag, { readonly retry: boolean; readonly fallback: boolean }>> = {
  RateLimited: { retry: true, fallback: true },
  Timeout: { retry: true, fallback: true },
  Overloaded: { retry: true, fallback: true },
  Unavailable: { retry: true, fallback: true },
  ContextTooLong: { retry: false, fallback: true },
  ContentFiltered: { retry: false, fallback: true },
  AuthFailed: { retry: false, fallback: true },
  InvalidOutput: { retry: false, fallback: true },
  BudgetExceeded: { retry: false, fallback: true },
  BadRequest: { retry: false, fallback: false },
  NoRouteAvailable: { retry: false, fallback: false },
  Cancelled: { retry: false, fallback: false },
  ConfigError: { retry: false, fallback: false },
};

/**
 * True when retrying the same model may succeed (429, timeouts, overload, 5xx).
 * @example
 * isRetryable(new RateLimited({ message: "slow down" })); // true
 */
export const isRetryable = (e: SwitchyardError): boolean => errorPolicy[e._tag].retry;

/**
 * True when another model may succeed where this one failed.
 * @example
 * isFallbackable(new BadRequest({ message: "bad" })); // false
 */
export const isFallbackable = (e: SwitchyardError): boolean => errorPolicy[e._tag].fallback;

/** The upstream's requested wait, when the error carries one. @example retryAfterOf(new RateLimited({ message: "", retryAfterMs: 5 })); // 5 */
export const retryAfterOf = (e: SwitchyardError): number | undefined =>
  "retryAfterMs" in e && typeof e.retryAfterMs === "number" ? e.retryAfterMs : undefined;
