import { describe, expect, it } from "vitest";
import { BadRequest } from "@switchyard/core";
import { mapHttpError } from "./map-http-error.js";

const map = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  mapHttpError({
    status,
    headers: new Headers(headers),
    bodyText: typeof body === "string" ? body : JSON.stringify(body),
    provider: "openai",
    model: "gpt-4o",
  });

const openaiError = (message: string, code: string | null = null, type = "invalid_request_error") => ({
  error: { message, type, param: null, code },
});

describe("mapHttpError", () => {
  it("maps statuses to error classes", () => {
    expect(map(400, openaiError("bad")). _tag).toBe("BadRequest");
    expect(map(401, openaiError("nope")). _tag).toBe("AuthFailed");
    expect(map(403, "forbidden")._tag).toBe("AuthFailed");
    expect(map(404, openaiError("The model `x` does not exist", "model_not_found"))._tag).toBe("BadRequest");
    expect(map(408, "")._tag).toBe("Timeout");
    expect(map(504, "gateway timeout")._tag).toBe("Timeout");
    expect(map(500, openaiError("server error", null, "server_error"))._tag).toBe("Unavailable");
    expect(map(502, "<html>bad gateway</html>")._tag).toBe("Unavailable");
    expect(map(503, openaiError("overloaded"))._tag).toBe("Overloaded");
    expect(map(529, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } })._tag).toBe("Overloaded");
    expect(map(500, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } })._tag).toBe("Overloaded");
    expect(map(413, "request entity too large")._tag).toBe("BadRequest");
    expect(map(413, { error: { message: "prompt is too long: 250000 tokens > 200000 maximum" } })._tag).toBe("ContextTooLong");
  });

  it("attaches Retry-After to 429 and 503", () => {
    const e = map(429, openaiError("Rate limit reached", "rate_limit_exceeded", "requests"), { "retry-after": "3" });
    expect(e._tag).toBe("RateLimited");
    expect(e._tag === "RateLimited" ? e.retryAfterMs : undefined).toBe(3000);
    const o = map(503, "busy", { "retry-after-ms": "250" });
    expect(o._tag === "Overloaded" ? o.retryAfterMs : undefined).toBe(250);
  });

  it("treats insufficient_quota as AuthFailed, not a retryable rate limit", () => {
    expect(map(429, openaiError("You exceeded your current quota", "insufficient_quota", "insufficient_quota"))._tag).toBe("AuthFailed");
  });

  it("sniffs context-length and content-filter bodies", () => {
    const ctx = map(400, openaiError("This model's maximum context length is 8192 tokens.", "context_length_exceeded"));
    expect(ctx._tag).toBe("ContextTooLong");
    expect(ctx.message).toContain("maximum context length is 8192");
    expect(map(400, { error: { message: "prompt is too long: 1 > 0", type: "invalid_request_error" } })._tag).toBe("ContextTooLong");
    const azure = {
      error: {
        message: "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
        type: null,
        param: "prompt",
        code: "content_filter",
        status: 400,
        innererror: { code: "ResponsibleAIPolicyViolation", content_filter_result: { hate: { filtered: true, severity: "high" } } },
      },
    };
    expect(map(400, azure)._tag).toBe("ContentFiltered");
  });

  it("keeps the upstream message and param but masks keys", () => {
    const e = map(400, { error: { message: "Invalid value for 'temperature'", type: "invalid_request_error", param: "temperature", code: null } });
    expect(e).toBeInstanceOf(BadRequest);
    expect(e._tag === "BadRequest" ? e.param : undefined).toBe("temperature");
    expect(e).toMatchObject({ provider: "openai", model: "gpt-4o", status: 400 });
    const auth = map(401, openaiError("Incorrect API key provided: sk-proj-abcdefghijklmnop1234. You can find your API key at ..."));
    expect(auth.message).not.toContain("abcdefghijklmnop");
    const custom = mapHttpError({ status: 401, headers: new Headers(), bodyText: "bad key my-secret-key-123", provider: "p", model: "m", redact: ["my-secret-key-123"] });
    expect(custom.message).not.toContain("my-secret-key-123");
  });

  it("lets an adapter override the mapping", () => {
    const e = mapHttpError({
      status: 400,
      headers: new Headers(),
      bodyText: JSON.stringify({ error: { code: "special" } }),
      provider: "p",
      model: "m",
      classify: (d) => (d.code === "special" ? new BadRequest({ message: "special!", provider: d.provider }) : undefined),
    });
    expect(e.message).toBe("special!");
  });
});
