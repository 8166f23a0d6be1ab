import { Effect, Stream } from "effect";
import { afterEach, describe, expect, it } from "vitest";
import type { ChatRequest, ProviderError, StreamEvent } from "@switchyard/core";
import { loadChunks, loadJsonFixture, startFixtureServer, type FixtureRoute, type FixtureServer } from "../testing/index.js";
import { openai } from "./openai-provider.js";

const fixture = (name: string): URL => new URL(`./__fixtures__/${name}`, import.meta.url);
const KEY = "sk-proj-fixture-key-1234567890";
const hi: ChatRequest = { messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Hello" }] };

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const serve = async (route: Omit<FixtureRoute, "path" | "method">) => {
  server = await startFixtureServer({ routes: [{ method: "POST", path: "/v1/chat/completions", ...route }] });
  return openai({ apiKey: KEY, baseURL: `${server.url}/v1`, organization: "org-1", project: "proj_1" });
};
const fail = (e: Effect.Effect<unknown, ProviderError>): Promise<ProviderError> => Effect.runPromise(Effect.flip(e));
const collect = (s: Stream.Stream<StreamEvent, ProviderError>): Promise<StreamEvent[]> => Effect.runPromise(Stream.runCollect(s));

describe("openai adapter replaying recorded wire traffic", () => {
  it("generate: text response, auth headers and body", async () => {
    const provider = await serve({ body: loadJsonFixture(fixture("openai-text.json")) });
    const res = await Effect.runPromise(provider("gpt-4o-mini").generate({ ...hi, maxTokens: 64, temperature: 0.3 }));
    expect(res).toEqual({
      id: "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
      model: "gpt-4o-mini-2024-07-18",
      message: { role: "assistant", content: "Hello! How can I assist you today?" },
      finishReason: "stop",
      usage: { inputTokens: 19, outputTokens: 10, totalTokens: 29, cachedInputTokens: 0, reasoningTokens: 0 },
      providerMetadata: { systemFingerprint: "fp_06737a9306" },
    });
    const req = server!.requests[0]!;
    expect(req.headers).toMatchObject({
      authorization: `Bearer ${KEY}`,
      "openai-organization": "org-1",
      "openai-project": "proj_1",
      "content-type": "application/json",
    });
    expect(req.body).toEqual({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hello" },
      ],
      max_tokens: 64,
      temperature: 0.3,
    });
  });

  it("generate: tool calls and cached tokens", async () => {
    const provider = await serve({ body: loadJsonFixture(fixture("openai-tool-call.json")) });
    const res = await Effect.runPromise(provider("gpt-4o-mini").generate(hi));
    expect(res.message).toEqual({
      role: "assistant",
      content: null,
      toolCalls: [{ id: "call_abc123", name: "get_current_weather", arguments: '{\n"location": "Boston, MA"\n}' }],
    });
    expect(res.finishReason).toBe("tool-calls");
    expect(res.usage).toMatchObject({ inputTokens: 82, cachedInputTokens: 64 });
  });

  it("reasoning models get max_completion_tokens, the developer role and no sampling knobs", async () => {
    const provider = await serve({ body: loadJsonFixture(fixture("openai-reasoning.json")) });
    const res = await Effect.runPromise(provider("o4-mini").generate({ ...hi, maxTokens: 500, temperature: 0.5, topP: 0.9 }));
    expect(res.usage).toEqual({ inputTokens: 24, outputTokens: 212, totalTokens: 236, cachedInputTokens: 0, reasoningTokens: 192 });
    expect(server!.requests[0]!.body).toEqual({
      model: "o4-mini",
      messages: [
        { role: "developer", content: "Be brief." },
        { role: "user", content: "Hello" },
      ],
      max_completion_tokens: 500,
    });
  });

  it("stream: text chunks, usage chunk, [DONE]", async () => {
    const provider = await serve({ chunks: loadChunks(fixture("openai-text.chunks.txt")) });
    const events = await collect(provider("gpt-4o-mini").stream(hi));
    expect(events).toEqual([
      { type: "response-metadata", id: "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG", model: "gpt-4o-mini-2024-07-18" },
      { type: "text-delta", delta: "Hello" },
      { type: "text-delta", delta: "!" },
      { type: "text-delta", delta: " How can I help?" },
      { type: "usage", usage: { inputTokens: 9, outputTokens: 6, totalTokens: 15, cachedInputTokens: 0, reasoningTokens: 0 } },
      { type: "finish", finishReason: "stop" },
    ]);
    expect(server!.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("stream: parallel tool-call deltas", async () => {
    const provider = await serve({ chunks: loadChunks(fixture("openai-tool-call.chunks.txt")) });
    const events = await collect(provider("gpt-4o").stream(hi));
    const deltas = events.filter((e) => e.type === "tool-call-delta");
    expect(deltas[0]).toEqual({ type: "tool-call-delta", index: 0, id: "call_DdmO9pD3xa9XTPNJ32zg2hcA", name: "get_weather", argumentsDelta: "" });
    const args = (i: number) => deltas.flatMap((d) => (d.type === "tool-call-delta" && d.index === i ? [d.argumentsDelta] : [])).join("");
    expect(JSON.parse(args(0))).toEqual({ location: "Paris, France" });
    expect(JSON.parse(args(1))).toEqual({ tz: "CET" });
    expect(events.at(-1)).toEqual({ type: "finish", finishReason: "tool-calls" });
  });

  it.each([
    ["openai-400.json", 400, {}, "BadRequest"],
    ["openai-401.json", 401, {}, "AuthFailed"],
    ["openai-429.json", 429, { "x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "303ms" }, "RateLimited"],
    ["openai-429-insufficient-quota.json", 429, {}, "AuthFailed"],
    ["openai-500.json", 500, {}, "Unavailable"],
    ["openai-503.json", 503, {}, "Overloaded"],
    ["openai-context-length.json", 400, {}, "ContextTooLong"],
    ["openai-content-policy.json", 400, {}, "ContentFiltered"],
  ] as const)("maps %s (HTTP %i) to the right error", async (file, status, headers, tag) => {
    const provider = await serve({ status, headers, body: loadJsonFixture(fixture(file)) });
    const e = await fail(provider("gpt-4o-mini").generate(hi));
    expect(e._tag).toBe(tag);
    expect(e).toMatchObject({ provider: "openai", model: "gpt-4o-mini", status });
    expect(e.message).not.toContain(KEY);
    if (e._tag === "RateLimited") expect(e.retryAfterMs).toBe(303);
    if (e._tag === "BadRequest") expect(e.param).toBe("temperature");
  });

  it("reads OPENAI_API_KEY lazily and fails with AuthFailed when it is missing", async () => {
    server = await startFixtureServer({ routes: [{ path: "/v1/chat/completions", body: loadJsonFixture(fixture("openai-text.json")) }] });
    const previous = process.env.OPENAI_API_KEY;
    try {
      delete process.env.OPENAI_API_KEY;
      const model = openai({ baseURL: `${server.url}/v1` })("gpt-4o-mini");
      expect((await fail(model.generate(hi)))._tag).toBe("AuthFailed");
      expect(server.requests).toHaveLength(0);
      process.env.OPENAI_API_KEY = "sk-from-env-abcdefgh";
      await Effect.runPromise(model.generate(hi));
      expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-from-env-abcdefgh");
    } finally {
      if (previous === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = previous;
    }
  });
});
