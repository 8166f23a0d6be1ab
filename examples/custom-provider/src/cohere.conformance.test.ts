import { readFixture, runConformanceSuite, splitSseEvents, type FixtureRoute } from "@switchyard/providers/conformance";
import { cohere } from "./cohere-provider.js";

const fixture = (name: string) => readFixture(import.meta.url, `__fixtures__/${name}`);
const path = "/v2/chat";
const json = { "content-type": "application/json" };
const sse = { "content-type": "text/event-stream" };
const error = (status: number, name: string, headers: Record<string, string> = {}): FixtureRoute => ({ path, status, headers: { ...json, ...headers }, body: fixture(name) });

// The same contract suite the bundled adapters pass, run by a third-party package.
runConformanceSuite({
  name: "cohere (third-party example)",
  createModel: (baseURL, apiKey) => cohere({ baseURL, apiKey })("command-a-03-2025"),
  fixtures: {
    text: {
      route: { path, headers: json, body: fixture("cohere-text.json") },
      expect: { text: "Hello! How can I help you today?", finishReason: "stop", usage: { inputTokens: 69, outputTokens: 9, totalTokens: 78 } },
    },
    stream: {
      route: { path, headers: sse, rawChunks: splitSseEvents(fixture("cohere-text.sse")) },
      expect: { text: "Hello! How can I help you today?", finishReason: "stop", usage: { inputTokens: 69, outputTokens: 9 } },
    },
    toolCallStream: {
      route: { path, headers: sse, rawChunks: splitSseEvents(fixture("cohere-tool-call.sse")) },
      expect: { calls: [{ name: "get_weather", arguments: { location: "Toronto" } }], finishReason: "tool-calls" },
    },
    errors: {
      rateLimited: { route: error(429, "error-429.json", { "retry-after": "60" }), expect: { tag: "RateLimited", status: 429, retryAfterMs: 60_000 } },
      auth: { route: error(401, "error-401.json"), expect: { tag: "AuthFailed", status: 401 } },
      badRequest: { route: error(400, "error-400.json"), expect: { tag: "BadRequest", status: 400 } },
      contextTooLong: { route: error(400, "error-too-many-tokens-400.json"), expect: { tag: "ContextTooLong", status: 400 } },
      overloaded: { route: error(503, "error-503.json"), expect: { tag: "Overloaded", status: 503 } },
      unavailable: { route: error(500, "error-500.json"), expect: { tag: "Unavailable", status: 500 } },
    },
  },
});
