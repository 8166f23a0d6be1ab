import type { SwitchyardError } from "@switchyard/core";

/**
 * A failure the gateway answers with an HTTP error, independent of the wire format: the
 * OpenAI and Anthropic endpoints render it in their own shape. `code` follows OpenAI's
 * error codes (`invalid_api_key`, `model_not_found`, `rate_limit_exceeded`...).
 * @example
 * throw new GatewayError(404, "invalid_request_error", "model_not_found", 'The model "gtp-4o" does not exist', "model");
 */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly type: GatewayErrorType,
    readonly code: string | null,
    message: string,
    readonly param: string | null = null,
    /** Seconds, sent as `retry-after`. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "GatewayError";
  }
}

/** OpenAI's error `type` values the gateway uses. */
export type GatewayErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "rate_limit_error"
  | "insufficient_quota"
  | "server_error"
  | "timeout_error"
  | "overloaded_error";

/**
 * A `model_not_found` error for an unknown route or alias.
 * @example
 * throw modelNotFound("gtp-4o");
 */
export const modelNotFound = (model: string): GatewayError =>
  new GatewayError(404, "invalid_request_error", "model_not_found", `The model "${model}" does not exist or you do not have access to it.`, "model");

/**
 * The generic 500 for exceptions nobody expected; the detail goes to the log, never to the client.
 * @example
 * const e = internalError();
 */
export const internalError = (): GatewayError =>
  new GatewayError(500, "server_error", "internal_error", "The gateway hit an unexpected error. It has been logged.");

const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : Math.max(1, Math.ceil(ms / 1000)));

/** Status for an upstream failure of the given class: timeouts 504, capacity 503, the rest 502. */
const upstreamStatus = (tag: SwitchyardError["_tag"] | undefined): { status: number; type: GatewayErrorType; code: string } => {
  switch (tag) {
    case "Timeout":
      return { status: 504, type: "timeout_error", code: "upstream_timeout" };
    case "RateLimited":
    case "Overloaded":
      return { status: 503, type: "overloaded_error", code: "upstream_overloaded" };
    default:
      return { status: 502, type: "server_error", code: "upstream_error" };
  }
};

/**
 * Maps a routed call's tagged error to the gateway's HTTP error. Client-caused errors keep a
 * 4xx; an exhausted route answers 502/503/504 by the class of its last error.
 * @example
 * fromSwitchyardError(new NoRouteAvailable({ message: "all failed", lastError: "Timeout" })).status; // 504
 */
export const fromSwitchyardError = (e: SwitchyardError): GatewayError => {
  switch (e._tag) {
    case "BadRequest":
      return new GatewayError(400, "invalid_request_error", "invalid_request", e.message, e.param ?? null);
    case "ContextTooLong":
      return new GatewayError(400, "invalid_request_error", "context_length_exceeded", e.message, "messages");
    case "ContentFiltered":
      return new GatewayError(400, "invalid_request_error", "content_filter", e.message);
    case "BudgetExceeded":
      return new GatewayError(429, "insufficient_quota", "insufficient_quota", e.message);
    case "Cancelled":
      // Nobody reads this: the client is gone. 499 keeps access logs honest.
      return new GatewayError(499, "invalid_request_error", "cancelled", e.message);
    case "ConfigError":
      return internalError();
    case "NoRouteAvailable": {
      if (e.lastError === "ContextTooLong" || e.lastError === "BadRequest" || e.lastError === "ContentFiltered") {
        return new GatewayError(400, "invalid_request_error", e.lastError === "ContextTooLong" ? "context_length_exceeded" : "invalid_request", e.message);
      }
      const u = upstreamStatus(e.lastError);
      return new GatewayError(u.status, u.type, u.code, e.message, null, u.status === 503 ? seconds(e.retryAfterMs) : undefined);
    }
    case "RateLimited":
    case "Overloaded": {
      const u = upstreamStatus(e._tag);
      return new GatewayError(u.status, u.type, u.code, e.message, null, seconds(e.retryAfterMs));
    }
    default: {
      const u = upstreamStatus(e._tag);
      return new GatewayError(u.status, u.type, u.code, e.message);
    }
  }
};

const TAGS: ReadonlySet<string> = new Set([
  "RateLimited", "Timeout", "Overloaded", "Unavailable", "ContextTooLong", "ContentFiltered", "BadRequest",
  "AuthFailed", "InvalidOutput", "BudgetExceeded", "NoRouteAvailable", "Cancelled", "ConfigError",
]);

/**
 * True for Switchyard's tagged errors (what `router.chat` rejects with).
 * @example
 * isSwitchyardError(new Timeout({ message: "slow" })); // true
 */
export const isSwitchyardError = (e: unknown): e is SwitchyardError =>
  typeof e === "object" && e !== null && "_tag" in e && typeof e._tag === "string" && TAGS.has(e._tag);

/**
 * Normalises anything thrown while handling a request into a GatewayError; `unexpected` is
 * true when it was none of ours (the caller logs it).
 * @example
 * const { error, unexpected } = toGatewayError(caught);
 */
export const toGatewayError = (e: unknown): { error: GatewayError; unexpected: boolean } => {
  if (e instanceof GatewayError) return { error: e, unexpected: false };
  if (isSwitchyardError(e)) return { error: fromSwitchyardError(e), unexpected: e._tag === "ConfigError" };
  return { error: internalError(), unexpected: true };
};
