import { AuthFailed, BadRequest, ContextTooLong, Overloaded, RateLimited, Timeout, Unavailable, type ProviderError } from "@switchyard/core";
import { z } from "zod";
import type { HttpErrorDetails } from "../kit/map-http-error.js";
import { upstreamErrorFields } from "../kit/upstream-error-fields.js";

/** Google's error envelope: `{"error":{"code":429,"message":"...","status":"RESOURCE_EXHAUSTED","details":[...]}}`. */
const GoogleErrorBody = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    details: z.array(z.record(z.string(), z.unknown())).optional(),
  }),
});

const TOO_LONG = /input token count .* exceeds|exceeds the maximum number of tokens|too many tokens|context (window|length)/i;
const BAD_KEY = /api key not valid|API_KEY_INVALID|API key expired/i;

/** `google.rpc.RetryInfo.retryDelay` ("35s", "0.5s") → ms. */
const retryDelayMs = (details: ReadonlyArray<Record<string, unknown>>): number | undefined => {
  for (const d of details) {
    const delay = d["retryDelay"];
    if (typeof delay === "string") {
      const m = /^(\d+(?:\.\d+)?)s$/.exec(delay.trim());
      if (m) return Math.ceil(Number(m[1]) * 1000);
    }
  }
  return undefined;
};

/**
 * The `classify` hook for Gemini errors: decides by the canonical `error.status`
 * (RESOURCE_EXHAUSTED, INVALID_ARGUMENT, UNAVAILABLE...) and reads the wait from
 * `RetryInfo.retryDelay` when there is no Retry-After header. A bad key comes back as
 * 400 INVALID_ARGUMENT from Google, but it is an auth failure.
 * @example
 * sendRequest({ ...input, classify: classifyGoogleError });
 */
export const classifyGoogleError = (d: HttpErrorDetails): ProviderError | undefined => {
  const parsed = GoogleErrorBody.safeParse(d.body);
  if (!parsed.success) return undefined;
  const { status, details = [] } = parsed.data.error;
  const detailText = JSON.stringify(details);
  const retryAfterMs = d.retryAfterMs ?? retryDelayMs(details);
  const { base, retry } = upstreamErrorFields("google", status, d.upstreamMessage, {
    model: d.model,
    status: d.status,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
  switch (status) {
    case "RESOURCE_EXHAUSTED":
      return new RateLimited({ ...base, ...retry });
    case "UNAUTHENTICATED":
    case "PERMISSION_DENIED":
    case "FAILED_PRECONDITION": // billing not enabled / region not served: another provider may work
      return new AuthFailed(base);
    case "INVALID_ARGUMENT":
      if (BAD_KEY.test(d.upstreamMessage) || BAD_KEY.test(detailText)) return new AuthFailed(base);
      if (TOO_LONG.test(d.upstreamMessage)) return new ContextTooLong(base);
      return new BadRequest(base);
    case "NOT_FOUND":
      return new BadRequest({ ...base, param: "model" });
    case "UNAVAILABLE":
      return new Overloaded({ ...base, ...retry });
    case "DEADLINE_EXCEEDED":
      return new Timeout(base);
    case "INTERNAL":
    case "UNKNOWN":
      return new Unavailable(base);
    default:
      return undefined;
  }
};
