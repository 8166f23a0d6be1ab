import {
  AuthFailed,
  BadRequest,
  ContentFiltered,
  ContextTooLong,
  Overloaded,
  RateLimited,
  Timeout,
  Unavailable,
  type ProviderError,
} from "@switchyard/core";
import { parseRetryAfterMs } from "./retry-after.js";

/**
 * What an upstream error response said, decoded once so adapters' `classify` hooks do not
 * re-parse the body.
 */
export interface HttpErrorDetails {
  readonly status: number;
  readonly headers: Headers;
  readonly bodyText: string;
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  readonly body: unknown;
  /** The upstream's own error message (`error.message`, `message`, `detail`...), redacted. */
  readonly upstreamMessage: string;
  /** The upstream's error code/type (`error.code`, `error.type`, `error.status`...), if any. */
  readonly code?: string;
  /** The request parameter the upstream blamed (`error.param`), if any. */
  readonly param?: string;
  readonly retryAfterMs?: number;
  readonly provider: string;
  readonly model: string;
}

/**
 * Input of {@link mapHttpError}.
 * @example
 * const input: MapHttpErrorInput = { status: 429, headers: new Headers(), bodyText: "", provider: "openai", model: "gpt-4o" };
 */
export interface MapHttpErrorInput {
  readonly status: number;
  readonly headers: Headers;
  readonly bodyText: string;
  readonly provider: string;
  readonly model: string;
  /** An adapter's own mapping; return `undefined` to fall back to the default one. */
  readonly classify?: (details: HttpErrorDetails) => ProviderError | undefined;
  /** Secrets (API keys) that must never appear in a message, even if an upstream echoes them. */
  readonly redact?: ReadonlyArray<string>;
}

const MAX_MESSAGE = 500;
const CONTEXT_TOO_LONG =
  /context_length_exceeded|maximum context length|context length|prompt is too long|context window|input is too long|too many input tokens|reduce the length of the messages/i;
const CONTENT_FILTER = /content_filter|content_policy|content management policy|responsibleaipolicyviolation|safety/i;
const OVERLOADED = /overloaded/i;
// Keys some upstreams echo back in 401 messages ("Incorrect API key provided: sk-...").
const KEY_LIKE = /\b(?:sk|pk|rk|gsk|xai|csk|fw|AIza)[-_][-_A-Za-z0-9]{8,}|\bAIza[-_A-Za-z0-9]{20,}/g;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : undefined);

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Finds message/code/param in the common error shapes (OpenAI, Azure, Anthropic, Gemini, FastAPI, plain). */
const readErrorFields = (body: unknown): { message?: string; code?: string; param?: string; inner?: string } => {
  const root = Array.isArray(body) ? body[0] : body;
  if (!isRecord(root)) return {};
  const err = isRecord(root.error) ? root.error : root;
  const inner = isRecord(err.innererror) ? (str(err.innererror.code) ?? str(err.innererror.content_filter_result)) : undefined;
  return {
    message: str(err.message) ?? str(root.message) ?? str(root.error) ?? str(root.detail),
    code: str(err.code) ?? str(err.type) ?? str(err.status) ?? str(root.type),
    param: str(err.param),
    inner,
  };
};

const redactText = (text: string, secrets: ReadonlyArray<string>): string => {
  let out = text.replace(KEY_LIKE, "[redacted]");
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join("[redacted]");
  return out.length > MAX_MESSAGE ? `${out.slice(0, MAX_MESSAGE)}…` : out;
};

const defaultMapping = (d: HttpErrorDetails): ProviderError => {
  const base = { message: `${d.provider} ${d.status}: ${d.upstreamMessage}`, provider: d.provider, model: d.model, status: d.status };
  const haystack = `${d.code ?? ""} ${d.upstreamMessage}`;
  const { status } = d;
  if (status === 429) {
    // Out of credit is not a rate limit: waiting will not help, another provider's key will.
    if (d.code === "insufficient_quota") return new AuthFailed(base);
    return new RateLimited({ ...base, ...(d.retryAfterMs !== undefined ? { retryAfterMs: d.retryAfterMs } : {}) });
  }
  if (status === 401 || status === 403 || status === 402) return new AuthFailed(base);
  if (status === 408 || status === 504) return new Timeout(base);
  if (status === 503 || status === 529) return new Overloaded({ ...base, ...(d.retryAfterMs !== undefined ? { retryAfterMs: d.retryAfterMs } : {}) });
  if (status >= 500) return OVERLOADED.test(haystack) ? new Overloaded(base) : new Unavailable(base);
  if (status >= 400) {
    if (CONTEXT_TOO_LONG.test(haystack)) return new ContextTooLong(base);
    if (CONTENT_FILTER.test(haystack)) return new ContentFiltered(base);
    return new BadRequest({ ...base, ...(d.param !== undefined ? { param: d.param } : {}) });
  }
  return new Unavailable({ ...base, message: `${d.provider} answered with unexpected status ${status}` });
};

/**
 * Maps an upstream HTTP error to a Switchyard provider error. Status decides the class
 * (400/404/422 BadRequest, 401/402/403 AuthFailed, 408/504 Timeout, 429 RateLimited,
 * 500/502 Unavailable, 503/529 Overloaded); the body refines it (context-length and
 * content-filter wording turn a 4xx into ContextTooLong / ContentFiltered, "overloaded"
 * turns a 5xx into Overloaded, 413 is ContextTooLong only when the body says tokens).
 * A 429 with `insufficient_quota` is AuthFailed: retrying the same key cannot help.
 * Messages carry the upstream's message, never request headers; key-like strings and the
 * `redact` secrets are masked.
 * @example
 * const err = mapHttpError({ status: 429, headers: new Headers({ "retry-after": "1" }), bodyText: "{}", provider: "openai", model: "gpt-4o" });
 * err._tag; // "RateLimited", err.retryAfterMs === 1000
 */
export const mapHttpError = (input: MapHttpErrorInput): ProviderError => {
  const body = parseJson(input.bodyText);
  const fields = readErrorFields(body);
  const rawMessage = fields.message ?? (input.bodyText.trim() || `HTTP ${input.status}`);
  const retryAfterMs = parseRetryAfterMs(input.headers);
  const code = fields.inner === undefined ? fields.code : `${fields.code ?? ""} ${fields.inner}`.trim();
  const details: HttpErrorDetails = {
    status: input.status,
    headers: input.headers,
    bodyText: input.bodyText,
    body,
    upstreamMessage: redactText(rawMessage, input.redact ?? []),
    ...(code !== undefined ? { code } : {}),
    ...(fields.param !== undefined ? { param: fields.param } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    provider: input.provider,
    model: input.model,
  };
  return input.classify?.(details) ?? defaultMapping(details);
};
