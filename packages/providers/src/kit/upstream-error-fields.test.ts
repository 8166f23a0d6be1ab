import { Overloaded } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { upstreamErrorContext, upstreamErrorFields } from "./upstream-error-fields.js";

describe("upstreamErrorFields", () => {
  it("names provider, status and upstream type, and carries the wait", () => {
    const { base, retry } = upstreamErrorFields("bedrock", "ThrottlingException", "slow down", { model: "m", status: 429, retryAfterMs: 500 });
    expect(base).toEqual({ message: "bedrock 429 ThrottlingException: slow down", provider: "bedrock", model: "m", status: 429 });
    expect(retry).toEqual({ retryAfterMs: 500 });
    expect(new Overloaded({ ...base, ...retry }).retryAfterMs).toBe(500);
  });

  it("leaves out what an in-stream error does not have", () => {
    expect(upstreamErrorFields("anthropic", undefined, "Overloaded", { model: "m" })).toEqual({
      base: { message: "anthropic: Overloaded", provider: "anthropic", model: "m" },
      retry: {},
    });
  });

  it("reads the context of an HTTP error", () => {
    const details = { status: 503, headers: new Headers(), bodyText: "", body: undefined, upstreamMessage: "x", provider: "p", model: "m" };
    expect(upstreamErrorContext(details)).toEqual({ model: "m", status: 503 });
    expect(upstreamErrorContext({ ...details, retryAfterMs: 10 })).toEqual({ model: "m", status: 503, retryAfterMs: 10 });
  });
});
