/**
 * The conformance suite run against the OpenAI-wire adapters (openai-compatible, openai,
 * azure) and against an AI SDK model bridged with `fromAiSdk`, replaying the recorded
 * OpenAI / Azure traffic kept beside those adapters.
 */
import { createOpenAICompatible as createAiSdkOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "@switchyard/core";
import { fromAiSdk } from "../ai-sdk/index.js";
import { azure } from "../azure/index.js";
import { openai } from "../openai/index.js";
import { createOpenAICompatible } from "../openai-compatible/index.js";
import { readFixture } from "./read-fixture.js";
import { runConformanceSuite, type ConformanceSuiteOptions } from "./run-conformance-suite.js";

const openaiFixture = (name: string) => readFixture(import.meta.url, `../openai/__fixtures__/${name}`);
const azureFixture = (name: string) => readFixture(import.meta.url, `../azure/__fixtures__/${name}`);
/** `*.chunks.txt` holds one SSE payload a line; on the wire each is `data: <line>\n\n`. */
const sseChunks = (text: string) =>
  text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => `data: ${l}\n\n`);
const json = { "content-type": "application/json" };
const sse = { "content-type": "text/event-stream" };

const openaiWire = (path: string): ConformanceSuiteOptions["fixtures"] => {
  const error = (status: number, name: string, headers: Record<string, string> = {}) => ({ path, status, headers: { ...json, ...headers }, body: openaiFixture(name) });
  return {
    text: {
      route: { path, headers: json, body: openaiFixture("openai-text.json") },
      expect: { text: "Hello! How can I assist you today?", finishReason: "stop", usage: { inputTokens: 19, outputTokens: 10, totalTokens: 29 } },
    },
    stream: {
      route: { path, headers: sse, rawChunks: sseChunks(openaiFixture("openai-text.chunks.txt")) },
      expect: { text: "Hello! How can I help?", finishReason: "stop", usage: { inputTokens: 9, outputTokens: 6 } },
    },
    toolCallStream: {
      route: { path, headers: sse, rawChunks: sseChunks(openaiFixture("openai-tool-call.chunks.txt")) },
      expect: {
        calls: [
          { name: "get_weather", arguments: { location: "Paris, France" } },
          { name: "get_time", arguments: { tz: "CET" } },
        ],
        finishReason: "tool-calls",
      },
    },
    errors: {
      rateLimited: { route: error(429, "openai-429.json", { "retry-after": "2" }), expect: { tag: "RateLimited", status: 429, retryAfterMs: 2000 } },
      auth: { route: error(401, "openai-401.json"), expect: { tag: "AuthFailed", status: 401 } },
      badRequest: { route: error(400, "openai-400.json"), expect: { tag: "BadRequest", status: 400 } },
      contextTooLong: { route: error(400, "openai-context-length.json"), expect: { tag: "ContextTooLong", status: 400 } },
      overloaded: { route: error(503, "openai-503.json"), expect: { tag: "Overloaded", status: 503 } },
      unavailable: { route: error(500, "openai-500.json"), expect: { tag: "Unavailable", status: 500 } },
    },
  };
};

const suites: Array<{ name: string; path: string; createModel: (baseURL: string, apiKey: string) => LanguageModel }> = [
  { name: "openai-compatible", path: "/v1/chat/completions", createModel: (baseURL, apiKey) => createOpenAICompatible({ name: "acme", baseURL: `${baseURL}/v1`, apiKey })("acme-chat") },
  { name: "openai", path: "/v1/chat/completions", createModel: (baseURL, apiKey) => openai({ baseURL: `${baseURL}/v1`, apiKey })("gpt-4o-mini") },
  {
    name: "ai-sdk bridge (@ai-sdk/openai-compatible via fromAiSdk)",
    path: "/v1/chat/completions",
    createModel: (baseURL, apiKey) =>
      fromAiSdk(createAiSdkOpenAICompatible({ name: "acme", baseURL: `${baseURL}/v1`, apiKey, includeUsage: true }).chatModel("acme-chat"), {
        redact: [apiKey],
      }),
  },
];
for (const suite of suites) runConformanceSuite({ name: suite.name, createModel: suite.createModel, fixtures: openaiWire(suite.path) });

const azurePath = "/openai/deployments/gpt-4o-prod/chat/completions";
const azureWire = openaiWire(azurePath);
runConformanceSuite({
  name: "azure",
  createModel: (baseURL, apiKey) => azure({ baseURL, apiKey })("gpt-4o-prod"),
  fixtures: {
    ...azureWire,
    text: {
      route: { path: azurePath, headers: json, body: azureFixture("azure-text.json") },
      expect: { text: "Hello! How can I help you today?", finishReason: "stop", usage: { inputTokens: 18, outputTokens: 10, totalTokens: 28 } },
    },
    stream: {
      route: { path: azurePath, headers: sse, rawChunks: sseChunks(azureFixture("azure-text.chunks.txt")) },
      expect: { text: "Hi", finishReason: "stop", usage: { inputTokens: 18, outputTokens: 1 } },
    },
    errors: {
      ...azureWire.errors,
      rateLimited: {
        route: { path: azurePath, status: 429, headers: { ...json, "retry-after": "6" }, body: azureFixture("azure-429.json") },
        expect: { tag: "RateLimited", status: 429, retryAfterMs: 6000 },
      },
      contentFiltered: { route: { path: azurePath, status: 400, headers: json, body: azureFixture("azure-content-filter.json") }, expect: { tag: "ContentFiltered", status: 400 } },
    },
  },
});
