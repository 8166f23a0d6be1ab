import { readFixture, runConformanceSuite, splitSseEvents } from "../conformance/index.js";
import { google } from "./google-provider.js";

const fixture = (name: string) => readFixture(import.meta.url, `__fixtures__/${name}`);
const json = { "content-type": "application/json; charset=UTF-8" };
const sse = { "content-type": "text/event-stream" };
const generate = "/v1beta/models/gemini-2.5-flash:generateContent";
const stream = "/v1beta/models/gemini-2.5-flash:streamGenerateContent";
const error = (status: number, name: string) => ({ path: generate, status, headers: json, body: fixture(name) });

runConformanceSuite({
  name: "google",
  createModel: (baseURL, apiKey) => google({ baseURL: `${baseURL}/v1beta`, apiKey })("gemini-2.5-flash"),
  fixtures: {
    text: {
      route: { path: generate, headers: json, body: fixture("gemini-text.json") },
      expect: {
        text: "Hello! How can I help you today?",
        finishReason: "stop",
        usage: { inputTokens: 1200, outputTokens: 31, totalTokens: 1231, cachedInputTokens: 1024, reasoningTokens: 22 },
      },
    },
    stream: {
      route: { path: stream, headers: sse, rawChunks: splitSseEvents(fixture("gemini-text.sse")) },
      expect: { text: "Hello! How can I help you today?", finishReason: "stop", usage: { inputTokens: 9, outputTokens: 31, reasoningTokens: 22 } },
    },
    toolCallStream: {
      route: { path: stream, headers: sse, rawChunks: splitSseEvents(fixture("gemini-tool-call.sse")) },
      expect: {
        calls: [
          { name: "get_weather", arguments: { location: "San Francisco, CA", unit: "fahrenheit" } },
          { name: "get_time", arguments: { timezone: "America/Los_Angeles" } },
        ],
        finishReason: "tool-calls",
      },
    },
    errors: {
      rateLimited: { route: error(429, "error-resource-exhausted-429.json"), expect: { tag: "RateLimited", status: 429, retryAfterMs: 35_000 } },
      auth: { route: error(400, "error-api-key-invalid-400.json"), expect: { tag: "AuthFailed", status: 400 } },
      badRequest: { route: error(400, "error-invalid-argument-400.json"), expect: { tag: "BadRequest", status: 400 } },
      contextTooLong: { route: error(400, "error-token-count-400.json"), expect: { tag: "ContextTooLong", status: 400 } },
      overloaded: { route: error(503, "error-unavailable-503.json"), expect: { tag: "Overloaded", status: 503 } },
      unavailable: { route: error(500, "error-internal-500.json"), expect: { tag: "Unavailable", status: 500 } },
      contentFiltered: { route: { path: generate, headers: json, body: fixture("gemini-prompt-blocked.json") }, expect: { tag: "ContentFiltered" } },
    },
  },
});
