import { readFixture, runConformanceSuite, splitSseEvents } from "../conformance/index.js";
import { anthropic } from "./anthropic-provider.js";

const fixture = (name: string) => readFixture(import.meta.url, `__fixtures__/${name}`);
const json = { "content-type": "application/json" };
const sse = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" };
const path = "/v1/messages";

runConformanceSuite({
  name: "anthropic",
  createModel: (baseURL, apiKey) => anthropic({ baseURL: `${baseURL}/v1`, apiKey })("claude-haiku-4-5"),
  fixtures: {
    text: {
      route: { path, headers: json, body: fixture("anthropic-text.json") },
      expect: {
        text: "Hello! How can I help you today?",
        finishReason: "stop",
        usage: { inputTokens: 132, outputTokens: 12, totalTokens: 144, cachedInputTokens: 100, cacheWriteInputTokens: 20 },
      },
    },
    stream: {
      route: { path, headers: sse, rawChunks: splitSseEvents(fixture("anthropic-text.sse")) },
      expect: { text: "Hello! How can I help you today?", finishReason: "stop", usage: { inputTokens: 25, outputTokens: 15 } },
    },
    toolCallStream: {
      route: { path, headers: sse, rawChunks: splitSseEvents(fixture("anthropic-tool-call.sse")) },
      expect: { calls: [{ name: "get_weather", arguments: { location: "San Francisco, CA", unit: "fahrenheit" } }], finishReason: "tool-calls" },
    },
    errors: {
      overloaded: { route: { path, status: 529, headers: json, body: fixture("error-overloaded-529.json") }, expect: { tag: "Overloaded", status: 529 } },
      rateLimited: {
        route: { path, status: 429, headers: { ...json, "retry-after": "7" }, body: fixture("error-rate-limit-429.json") },
        expect: { tag: "RateLimited", status: 429, retryAfterMs: 7000 },
      },
      auth: { route: { path, status: 401, headers: json, body: fixture("error-authentication-401.json") }, expect: { tag: "AuthFailed", status: 401 } },
      contextTooLong: { route: { path, status: 400, headers: json, body: fixture("error-prompt-too-long-400.json") }, expect: { tag: "ContextTooLong", status: 400 } },
      badRequest: { route: { path, status: 400, headers: json, body: fixture("error-invalid-request-400.json") }, expect: { tag: "BadRequest", status: 400 } },
      unavailable: { route: { path, status: 500, headers: json, body: fixture("error-api-500.json") }, expect: { tag: "Unavailable", status: 500 } },
    },
  },
});
