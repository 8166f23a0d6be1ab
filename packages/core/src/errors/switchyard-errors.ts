import * as Data from "effect/Data";

/** Fields every Switchyard error carries. `message` never contains credentials. */
interface ErrorFields {
  readonly message: string;
  /** The model (pool name) the error came from, when there is one. */
  readonly model?: string;
  /** The provider name, when the error came from a provider. */
  readonly provider?: string;
  /** The upstream HTTP status, when there was one. */
  readonly status?: number;
}

interface RetryAfterFields extends ErrorFields {
  /** How long the upstream asked us to wait, in milliseconds (from Retry-After and kin). */
  readonly retryAfterMs?: number;
}

/**
 * The upstream rate-limited us (HTTP 429). Retrying the same model after `retryAfterMs` may
 * help; so may another model.
 * @example
 * new RateLimited({ message: "429 from openai", retryAfterMs: 2000 });
 */
export class RateLimited extends Data.TaggedError("RateLimited")<RetryAfterFields> {}

/**
 * An attempt (or the whole route) ran out of time.
 * @example
 * new Timeout({ message: "attempt timed out after 10000 ms" });
 */
export class Timeout extends Data.TaggedError("Timeout")<ErrorFields & { readonly scope?: "attempt" | "route" }> {}

/**
 * The upstream is overloaded (HTTP 503/529, "overloaded" bodies). Retry later or elsewhere.
 * @example
 * new Overloaded({ message: "Anthropic is overloaded", status: 529 });
 */
export class Overloaded extends Data.TaggedError("Overloaded")<RetryAfterFields> {}

/**
 * The upstream failed or could not be reached (5xx, connection reset, stream cut, invalid
 * wire data). Transient: retry may help.
 * @example
 * new Unavailable({ message: "connection reset by upstream" });
 */
export class Unavailable extends Data.TaggedError("Unavailable")<ErrorFields> {}

/**
 * The prompt does not fit the model's context window. A model with a larger window may help.
 * @example
 * new ContextTooLong({ message: "maximum context length is 8192 tokens" });
 */
export class ContextTooLong extends Data.TaggedError("ContextTooLong")<ErrorFields> {}

/**
 * The provider refused the content. Another provider may answer.
 * @example
 * new ContentFiltered({ message: "blocked by safety filter" });
 */
export class ContentFiltered extends Data.TaggedError("ContentFiltered")<ErrorFields> {}

/**
 * The request itself is wrong: no model will accept it.
 * @example
 * new BadRequest({ message: "messages must not be empty" });
 */
export class BadRequest extends Data.TaggedError("BadRequest")<ErrorFields & { readonly param?: string }> {}

/**
 * The upstream rejected our credentials (401/403). Another provider's key may work.
 * @example
 * new AuthFailed({ message: "invalid API key for openai", status: 401 });
 */
export class AuthFailed extends Data.TaggedError("AuthFailed")<ErrorFields> {}

/**
 * The answer did not pass the route's validator. A stronger model may do better.
 * @example
 * new InvalidOutput({ message: "answer is not valid JSON", issues: ["Unexpected token"] });
 */
export class InvalidOutput extends Data.TaggedError("InvalidOutput")<ErrorFields & { readonly issues: ReadonlyArray<string> }> {}

/**
 * Running this request would cross a spend limit.
 * @example
 * new BudgetExceeded({ message: "daily budget of $5.00 reached for key team-a" });
 */
export class BudgetExceeded extends Data.TaggedError("BudgetExceeded")<ErrorFields> {}

/**
 * Every candidate was tried or excluded; `attempts` says what happened to each.
 * @example
 * new NoRouteAvailable({ message: "all 3 models failed", lastError: "RateLimited" });
 */
export class NoRouteAvailable extends Data.TaggedError("NoRouteAvailable")<
  ErrorFields & { readonly lastError?: SwitchyardErrorTag; readonly lastStatus?: number; readonly retryAfterMs?: number }
> {}

/**
 * The caller aborted the request (AbortSignal) before it finished.
 * @example
 * new Cancelled({ message: "request aborted by caller" });
 */
export class Cancelled extends Data.TaggedError("Cancelled")<ErrorFields> {}

/**
 * A route or router was configured wrongly (unknown model, class without a target...).
 * Raised at start-up, never mid-request.
 * @example
 * new ConfigError({ message: 'route "main" names unknown model "gtp-4o"', path: ["routes", "main"] });
 */
export class ConfigError extends Data.TaggedError("ConfigError")<ErrorFields & { readonly path?: ReadonlyArray<string | number> }> {}

/** Every error a provider call can fail with. @example const e: ProviderError = new Timeout({ message: "slow" }); */
export type ProviderError =
  | RateLimited
  | Timeout
  | Overloaded
  | Unavailable
  | ContextTooLong
  | ContentFiltered
  | BadRequest
  | AuthFailed;

/** Every error a routed call can end with. @example const e: SwitchyardError = new NoRouteAvailable({ message: "none" }); */
export type SwitchyardError = ProviderError | InvalidOutput | BudgetExceeded | NoRouteAvailable | Cancelled | ConfigError;

/** The `_tag` of any Switchyard error. @example const t: SwitchyardErrorTag = "RateLimited"; */
export type SwitchyardErrorTag = SwitchyardError["_tag"];
