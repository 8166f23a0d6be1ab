import { describe, expect, it } from "vitest";
import { parseRetryAfterMs } from "./retry-after.js";

const h = (init: Record<string, string>): Headers => new Headers(init);

describe("parseRetryAfterMs", () => {
  it("reads Retry-After seconds and HTTP-dates", () => {
    expect(parseRetryAfterMs(h({ "retry-after": "2" }))).toBe(2000);
    expect(parseRetryAfterMs(h({ "retry-after": "0.5" }))).toBe(500);
    const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");
    expect(parseRetryAfterMs(h({ "retry-after": "Wed, 21 Oct 2015 07:28:30 GMT" }), now)).toBe(30_000);
    expect(parseRetryAfterMs(h({ "retry-after": "Wed, 21 Oct 2015 07:27:00 GMT" }), now)).toBe(0);
  });

  it("prefers retry-after-ms", () => {
    expect(parseRetryAfterMs(h({ "retry-after-ms": "1234", "retry-after": "9" }))).toBe(1234);
  });

  it("reads OpenAI's x-ratelimit-reset-* durations, preferring the exhausted limit", () => {
    expect(parseRetryAfterMs(h({ "x-ratelimit-reset-requests": "120ms" }))).toBe(120);
    expect(parseRetryAfterMs(h({ "x-ratelimit-reset-tokens": "6m0s" }))).toBe(360_000);
    expect(parseRetryAfterMs(h({ "x-ratelimit-reset-tokens": "1h2m3.5s" }))).toBe(3_723_500);
    expect(parseRetryAfterMs(h({ "x-ratelimit-reset-requests": "1s", "x-ratelimit-reset-tokens": "6m0s" }))).toBe(1000);
    expect(
      parseRetryAfterMs(
        h({ "x-ratelimit-reset-requests": "1s", "x-ratelimit-reset-tokens": "6m0s", "x-ratelimit-remaining-tokens": "0", "x-ratelimit-remaining-requests": "10" }),
      ),
    ).toBe(360_000);
  });

  it("returns undefined for absent or garbage values", () => {
    expect(parseRetryAfterMs(h({}))).toBeUndefined();
    expect(parseRetryAfterMs(h({ "retry-after": "soon" }))).toBeUndefined();
    expect(parseRetryAfterMs(h({ "retry-after": "-3" }))).toBeUndefined();
    expect(parseRetryAfterMs(h({ "x-ratelimit-reset-tokens": "5 minutes" }))).toBeUndefined();
  });
});
