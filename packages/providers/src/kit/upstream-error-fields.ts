import type { HttpErrorDetails } from "./map-http-error.js";

/**
 * What an adapter knows about a failure when it maps the upstream's own error type: HTTP
 * errors carry a status and maybe a wait; in-stream error events carry neither.
 * @example
 * const ctx: UpstreamErrorContext = { model: "claude-haiku-4-5", status: 529, retryAfterMs: 1000 };
 */
export interface UpstreamErrorContext {
  readonly model: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
}

/**
 * The {@link UpstreamErrorContext} of an HTTP error, for `classify` hooks that hand over
 * to a by-type mapper shared with in-stream errors.
 * @example
 * const classify = (d: HttpErrorDetails) => myErrorFromType(d.code, d.upstreamMessage, upstreamErrorContext(d));
 */
export const upstreamErrorContext = (details: HttpErrorDetails): UpstreamErrorContext => ({
  model: details.model,
  status: details.status,
  ...(details.retryAfterMs !== undefined ? { retryAfterMs: details.retryAfterMs } : {}),
});

/**
 * The fields every mapped provider error starts from: a message naming the provider, the
 * status and the upstream's error type when known (`"bedrock 429 ThrottlingException: ..."`),
 * and — for the classes that take one — the wait as `retryAfterMs`.
 * @example
 * const { base, retry } = upstreamErrorFields("anthropic", undefined, "Overloaded", { model: "claude-haiku-4-5", status: 529 });
 * new Overloaded({ ...base, ...retry }).message; // "anthropic 529: Overloaded"
 */
export const upstreamErrorFields = (
  provider: string,
  upstreamType: string | undefined,
  upstreamMessage: string,
  ctx: UpstreamErrorContext,
): {
  readonly base: { readonly message: string; readonly provider: string; readonly model: string; readonly status?: number };
  readonly retry: { readonly retryAfterMs?: number };
} => ({
  base: {
    message: `${provider}${ctx.status !== undefined ? ` ${ctx.status}` : ""}${upstreamType ? ` ${upstreamType}` : ""}: ${upstreamMessage}`,
    provider,
    model: ctx.model,
    ...(ctx.status !== undefined ? { status: ctx.status } : {}),
  },
  retry: ctx.retryAfterMs !== undefined ? { retryAfterMs: ctx.retryAfterMs } : {},
});
