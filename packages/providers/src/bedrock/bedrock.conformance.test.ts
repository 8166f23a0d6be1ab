import { readFixture, runConformanceSuite } from "../conformance/index.js";
import { eventStreamFrames } from "./__fixtures__/event-stream-frames.js";
import { bedrock } from "./bedrock-provider.js";

const fixture = (name: string) => readFixture(import.meta.url, `__fixtures__/${name}`);
const modelId = "amazon.nova-lite-v1:0";
const converse = `/model/${encodeURIComponent(modelId)}/converse`;
const converseStream = `/model/${encodeURIComponent(modelId)}/converse-stream`;
const eventStream = { "content-type": "application/vnd.amazon.eventstream", "x-amzn-requestid": "5d6d3b2e-0c34-4bfb-9d4a-6f0c8cbb3b5e" };
const error = (status: number, type: string, name: string, extraHeaders: Record<string, string> = {}) => ({
  path: converse,
  status,
  headers: { "content-type": "application/json", "x-amzn-errortype": `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`, ...extraHeaders },
  body: fixture(name),
});

runConformanceSuite({
  name: "bedrock",
  // The marker secret is the access key id: it appears (by design) in the SigV4 Credential scope.
  createModel: (baseURL, apiKey) =>
    bedrock({ baseURL, region: "us-east-1", credentials: { accessKeyId: apiKey, secretAccessKey: `${apiKey}-secret` } })(modelId),
  fixtures: {
    text: {
      route: { path: converse, headers: { "content-type": "application/json", "x-amzn-requestid": "0b5a0d6c-7d2f-4c1e-9a57-2d5bb6b1f1a3" }, body: fixture("bedrock-text.json") },
      expect: {
        text: "Hello! How can I help you today?",
        finishReason: "stop",
        usage: { inputTokens: 132, outputTokens: 9, totalTokens: 141, cachedInputTokens: 100, cacheWriteInputTokens: 20 },
      },
    },
    stream: {
      route: { path: converseStream, headers: eventStream, rawChunks: eventStreamFrames("bedrock-text.events.jsonl") },
      expect: { text: "Hello! How can I help you today?", finishReason: "stop", usage: { inputTokens: 112, outputTokens: 9, cachedInputTokens: 100 } },
    },
    toolCallStream: {
      route: { path: converseStream, headers: eventStream, rawChunks: eventStreamFrames("bedrock-tool-call.events.jsonl") },
      expect: { calls: [{ name: "get_weather", arguments: { location: "San Francisco, CA", unit: "fahrenheit" } }], finishReason: "tool-calls" },
    },
    errors: {
      rateLimited: {
        route: error(429, "ThrottlingException", "error-throttling-429.json", { "retry-after": "3" }),
        expect: { tag: "RateLimited", status: 429, retryAfterMs: 3000 },
      },
      auth: { route: error(403, "AccessDeniedException", "error-access-denied-403.json"), expect: { tag: "AuthFailed", status: 403 } },
      badRequest: { route: error(400, "ValidationException", "error-validation-400.json"), expect: { tag: "BadRequest", status: 400 } },
      contextTooLong: { route: error(400, "ValidationException", "error-input-too-long-400.json"), expect: { tag: "ContextTooLong", status: 400 } },
      overloaded: { route: error(503, "ServiceUnavailableException", "error-service-unavailable-503.json"), expect: { tag: "Overloaded", status: 503 } },
      unavailable: { route: error(500, "InternalServerException", "error-internal-500.json"), expect: { tag: "Unavailable", status: 500 } },
    },
  },
});
