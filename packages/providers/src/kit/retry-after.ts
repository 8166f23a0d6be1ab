/** Parses Go-style durations as OpenAI sends them in `x-ratelimit-reset-*`: "1s", "6m0s", "120ms", "1h2m3.5s". */
const parseDurationMs = (text: string): number | undefined => {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const unitMs: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
  const part = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/y;
  let total = 0;
  let index = 0;
  while (index < trimmed.length) {
    part.lastIndex = index;
    const match = part.exec(trimmed);
    if (!match) return undefined;
    total += Number(match[1]) * (unitMs[match[2] ?? ""] ?? 0);
    index = part.lastIndex;
  }
  return total;
};

const nonNegative = (ms: number | undefined): number | undefined =>
  ms === undefined || !Number.isFinite(ms) || ms < 0 ? undefined : Math.ceil(ms);

/** `Retry-After` is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
const parseRetryAfter = (value: string, now: number): number | undefined => {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only an HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT"); Date.parse would also take "-3" as a year.
  if (!/^[A-Za-z]{3},? /.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
};

/**
 * How long the upstream asked us to wait, in milliseconds, or `undefined` when it did not
 * say. Precedence: `retry-after-ms` (most precise), `Retry-After` (seconds or HTTP-date),
 * then OpenAI's `x-ratelimit-reset-requests` / `-tokens`. For the reset headers we wait
 * for the limit that is exhausted (`x-ratelimit-remaining-* = 0`); when the upstream does
 * not say which, we take the shorter one — an early retry costs one cheap 429 carrying
 * fresh headers, a late one wastes the whole wait.
 * @example
 * parseRetryAfterMs(new Headers({ "retry-after": "2" })); // 2000
 * parseRetryAfterMs(new Headers({ "x-ratelimit-reset-tokens": "6m0s" })); // 360000
 */
export const parseRetryAfterMs = (headers: Headers, now: number = Date.now()): number | undefined => {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return nonNegative(Number(ms));
  const retryAfter = headers.get("retry-after");
  if (retryAfter !== null) {
    const parsed = nonNegative(parseRetryAfter(retryAfter, now));
    if (parsed !== undefined) return parsed;
  }
  const resets: Array<{ ms: number; exhausted: boolean }> = [];
  for (const kind of ["requests", "tokens"] as const) {
    const reset = headers.get(`x-ratelimit-reset-${kind}`);
    const parsed = reset === null ? undefined : nonNegative(parseDurationMs(reset));
    if (parsed !== undefined) resets.push({ ms: parsed, exhausted: headers.get(`x-ratelimit-remaining-${kind}`)?.trim() === "0" });
  }
  const exhausted = resets.filter((r) => r.exhausted);
  if (exhausted.length > 0) return Math.max(...exhausted.map((r) => r.ms));
  return resets.length > 0 ? Math.min(...resets.map((r) => r.ms)) : undefined;
};
