import {
  AuthFailed,
  BadRequest,
  ContextTooLong,
  Overloaded,
  RateLimited,
  Timeout,
  Unavailable,
  type ProviderError,
} from "@switchyard/core";
import type { HttpErrorDetails } from "../kit/map-http-error.js";
import { upstreamErrorContext, upstreamErrorFields, type UpstreamErrorContext } from "../kit/upstream-error-fields.js";

const PROVIDER = "anthropic";
const TOO_LONG = /prompt is too long|too many (input )?tokens|context (window|length)/i;

/**
 * Maps Anthropic's error `type` (the same in HTTP error bodies and in `error` stream
 * events, which have no status) to a Switchyard error; `undefined` for types it does not
 * know, so the status-based default applies.
 * @example
 * anthropicErrorFromType("overloaded_error", "Overloaded", { model: "claude-haiku-4-5" })?._tag; // "Overloaded"
 */
export const anthropicErrorFromType = (
  type: string | undefined,
  upstreamMessage: string,
  ctx: UpstreamErrorContext,
): ProviderError | undefined => {
  const { base, retry } = upstreamErrorFields(PROVIDER, undefined, upstreamMessage, ctx);
  switch (type) {
    case "overloaded_error":
      return new Overloaded({ ...base, ...retry });
    case "rate_limit_error":
      return new RateLimited({ ...base, ...retry });
    case "authentication_error":
    case "permission_error":
    case "billing_error":
      return new AuthFailed(base);
    case "timeout_error":
      return new Timeout(base);
    case "api_error":
      return new Unavailable(base);
    case "invalid_request_error":
      return TOO_LONG.test(upstreamMessage) ? new ContextTooLong(base) : new BadRequest(base);
    case "request_too_large":
      return new BadRequest({ ...base, param: "messages" });
    case "not_found_error":
      return new BadRequest({ ...base, param: "model" });
    default:
      return undefined;
  }
};

/**
 * The `classify` hook for the kit's `mapHttpError`: Anthropic says what went wrong in
 * `error.type`, which is more precise than the status (529 and 500 both carry types).
 * @example
 * sendRequest({ ...input, classify: classifyAnthropicError });
 */
export const classifyAnthropicError = (details: HttpErrorDetails): ProviderError | undefined =>
  anthropicErrorFromType(details.code, details.upstreamMessage, upstreamErrorContext(details));
