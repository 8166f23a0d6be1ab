import { Effect, Stream } from "effect";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ChatRequest, ProviderError, StreamEvent } from "@switchyard/core";
import { startSimulator, type Simulator } from "../testing/index.js";
import { createOpenAICompatible } from "./openai-compatible-provider.js";

const KEY = "sk-test-secret-key-0123456789";
let sim: Simulator;
let provider: ReturnType<typeof createOpenAICompatible>;

beforeAll(async () => {
  sim = await startSimulator({ apiKey: KEY });
  provider = createOpenAICompatible({ name: "sim", baseURL: `${sim.url}/v1`, apiKey: KEY });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const hi: ChatRequest = { messages: [{ role: "user", content: "Hello" }] };
const fail = (e: Effect.Effect<unknown, ProviderError>): Promise<ProviderError> => Effect.runPromise(Effect.flip(e));
const collect = (s: Stream.Stream<StreamEvent, ProviderError>): Promise<StreamEvent[]> => Effect.runPromise(Stream.runCollect(s));

const weatherTool = {
  name: "get_weather",
  description: "Weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

describe("OpenAI-compatible chat model against the simulator", () => {
  it("generates text and sends a Chat Completions body", async () => {
    sim.setScript("m", { text: "Hi there!", promptTokens: 11, completionTokens: 3, cachedTokens: 4 });
    const res = await Effect.runPromise(
      provider("m").generate({
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image", url: "https://example.com/a.png", detail: "low" }] },
        ],
        temperature: 0.2,
        maxTokens: 50,
        stop: ["\n"],
        seed: 7,
        user: "u1",
        metadata: { team: "a" },
        responseFormat: { type: "json_schema", name: "answer", schema: { type: "object" }, strict: true },
        providerOptions: { sim: { logit_bias: { "50256": -100 } } },
      }),
    );
    expect(res).toMatchObject({
      model: "m",
      message: { role: "assistant", content: "Hi there!" },
      finishReason: "stop",
      usage: { inputTokens: 11, outputTokens: 3, totalTokens: 14, cachedInputTokens: 4, reasoningTokens: 0 },
      providerMetadata: { systemFingerprint: "switchyard-simulator" },
    });
    expect(res.id).toMatch(/^chatcmpl-sim-/);
    const seen = sim.log[0];
    expect(seen?.headers.authorization).toBe("Bearer ***");
    expect(seen?.body).toEqual({
      model: "m",
      messages: [
        { role: "system", content: "Be brief." },
        {
          role: "user",
          content: [
            { type: "text", text: "What is this?" },
            { type: "image_url", image_url: { url: "https://example.com/a.png", detail: "low" } },
          ],
        },
      ],
      response_format: { type: "json_schema", json_schema: { name: "answer", schema: { type: "object" }, strict: true } },
      temperature: 0.2,
      max_tokens: 50,
      stop: ["\n"],
      seed: 7,
      user: "u1",
      logit_bias: { "50256": -100 },
    });
  });

  it("sends tools and tool history, and returns tool calls", async () => {
    const res = await Effect.runPromise(
      provider("sim-tools").generate({
        messages: [
          { role: "user", content: "Weather?" },
          { role: "assistant", content: null, toolCalls: [{ id: "call_0", name: "get_weather", arguments: '{"city":"Oslo"}' }] },
          { role: "tool", toolCallId: "call_0", content: "12C" },
        ],
        tools: [weatherTool],
        toolChoice: { name: "get_weather" },
      }),
    );
    expect(res.finishReason).toBe("tool-calls");
    expect(res.message.toolCalls).toEqual([{ id: expect.any(String), name: "get_weather", arguments: '{"city":"simulated"}' }]);
    expect(sim.log[0]?.body).toMatchObject({
      messages: [
        { role: "user", content: "Weather?" },
        { role: "assistant", content: null, tool_calls: [{ id: "call_0", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } }] },
        { role: "tool", tool_call_id: "call_0", content: "12C" },
      ],
      tools: [{ type: "function", function: { name: "get_weather", description: "Weather for a city", parameters: weatherTool.parameters } }],
      tool_choice: { type: "function", function: { name: "get_weather" } },
    });
  });

  it("streams text, usage and finish, asking for include_usage", async () => {
    sim.setScript("m", { text: "one two three", promptTokens: 5, completionTokens: 3 });
    const events = await collect(provider("m").stream(hi));
    expect(events[0]).toMatchObject({ type: "response-metadata", model: "m" });
    const text = events.flatMap((e) => (e.type === "text-delta" ? [e.delta] : [])).join("");
    expect(text).toBe("one two three");
    expect(events.filter((e) => e.type === "text-delta").length).toBe(3);
    expect(events.slice(-2)).toEqual([
      { type: "usage", usage: { inputTokens: 5, outputTokens: 3, totalTokens: 8, cachedInputTokens: 0, reasoningTokens: 0 } },
      { type: "finish", finishReason: "stop" },
    ]);
    expect(sim.log[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("streams tool-call deltas that reassemble into the call", async () => {
    sim.setScript("m", { toolCalls: [{ name: "get_weather", arguments: { city: "Oslo", unit: "celsius" } }, { name: "noop", arguments: {} }] });
    const events = await collect(provider("m").stream({ ...hi, tools: [weatherTool] }));
    const calls = new Map<number, { id?: string; name?: string; args: string }>();
    for (const e of events) {
      if (e.type !== "tool-call-delta") continue;
      const c = calls.get(e.index) ?? { args: "" };
      if (e.id) c.id = e.id;
      if (e.name) c.name = e.name;
      c.args += e.argumentsDelta;
      calls.set(e.index, c);
    }
    expect([...calls.values()]).toEqual([
      { id: expect.stringMatching(/^call_/), name: "get_weather", args: '{"city":"Oslo","unit":"celsius"}' },
      { id: expect.stringMatching(/^call_/), name: "noop", args: "{}" },
    ]);
    expect(events.filter((e) => e.type === "tool-call-delta").length).toBeGreaterThan(3);
    expect(events.at(-1)).toEqual({ type: "finish", finishReason: "tool-calls" });
  });

  it("maps DeepSeek-style reasoning_content in both modes", async () => {
    const res = await Effect.runPromise(provider("sim-reasoning").generate(hi));
    expect(res.message.reasoning).toBe("Let me think about this.");
    const events = await collect(provider("sim-reasoning").stream(hi));
    expect(events.filter((e) => e.type === "reasoning-delta").map((e) => (e.type === "reasoning-delta" ? e.delta : "")).join("")).toBe(
      "Let me think about this.",
    );
    const firstText = events.findIndex((e) => e.type === "text-delta");
    const lastReasoning = events.map((e) => e.type).lastIndexOf("reasoning-delta");
    expect(lastReasoning).toBeLessThan(firstText);
  });

  it("maps each upstream failure to its error class", async () => {
    const cases: Array<[string, Record<string, unknown>, ProviderError["_tag"]]> = [
      ["m429", { status: 429, retryAfter: 2 }, "RateLimited"],
      ["m500", { status: 500 }, "Unavailable"],
      ["m503", { status: 503 }, "Overloaded"],
      ["m504", { status: 504 }, "Timeout"],
      ["m400", { status: 400 }, "BadRequest"],
      ["sim-context-length", {}, "ContextTooLong"],
      ["sim-content-filter", {}, "ContentFiltered"],
      ["m-invalid", { invalidJson: true }, "Unavailable"],
      ["m-cut", { cutAfterChunks: 1 }, "Unavailable"],
    ];
    for (const [model, step, tag] of cases) {
      if (Object.keys(step).length > 0) sim.setScript(model, step);
      const e = await fail(provider(model).generate(hi));
      expect([model, e._tag]).toEqual([model, tag]);
      expect(e).toMatchObject({ provider: "sim", model });
    }
    const limited = await fail(provider("m429").generate(hi));
    expect(limited._tag === "RateLimited" && limited.retryAfterMs).toBe(2000);
    expect(limited.status).toBe(429);
  });

  it("fails streams on HTTP errors, cuts and invalid chunks", async () => {
    const rate = await fail(Stream.runCollect(provider("sim-fail-429").stream(hi)));
    expect(rate._tag === "RateLimited" && rate.retryAfterMs).toBe(1000);
    sim.setScript("cut", { cutAfterChunks: 3 });
    const cut = await fail(Stream.runCollect(provider("cut").stream(hi)));
    expect(cut._tag).toBe("Unavailable");
    const broken = await fail(Stream.runCollect(provider("sim-invalid-json").stream(hi)));
    expect(broken._tag).toBe("Unavailable");
    expect(broken.message).toContain("not valid JSON");
  });

  it("follows a script: fail twice with 429, then succeed", async () => {
    const model = provider("sim-fail-429x2");
    expect((await fail(model.generate(hi)))._tag).toBe("RateLimited");
    expect((await fail(model.generate(hi)))._tag).toBe("RateLimited");
    expect((await Effect.runPromise(model.generate(hi))).finishReason).toBe("stop");
  });

  it("reports a wrong key as AuthFailed without leaking either key", async () => {
    const wrong = "sk-wrong-key-abcdefghijklmnop";
    const e = await fail(createOpenAICompatible({ name: "sim", baseURL: `${sim.url}/v1`, apiKey: wrong })("m").generate(hi));
    expect(e._tag).toBe("AuthFailed");
    expect(JSON.stringify(e)).not.toContain(wrong);
    expect(e.message).not.toContain(KEY);
  });

  it("reports an unreachable server as Unavailable", async () => {
    const closed = await startSimulator();
    const url = closed.url;
    await closed.close();
    const e = await fail(createOpenAICompatible({ name: "down", baseURL: `${url}/v1` })("m").generate(hi));
    expect(e._tag).toBe("Unavailable");
    expect(e.message).toContain("could not reach");
  });

  it("closes the upstream connection when a generate call is interrupted", async () => {
    const result = await Effect.runPromise(Effect.timeoutOption(provider("sim-hang").generate(hi), "150 millis"));
    expect(result._tag).toBe("None");
    await sim.settled();
    expect(sim.log[0]).toMatchObject({ model: "sim-hang", outcome: "hang", aborted: true });
  });

  it("closes the upstream connection when interrupted while the body is still arriving", async () => {
    sim.setScript("stall", { hangAfterChunks: 1 });
    const result = await Effect.runPromise(Effect.timeoutOption(provider("stall").generate(hi), "200 millis"));
    expect(result._tag).toBe("None");
    await sim.settled();
    expect(sim.log[0]).toMatchObject({ model: "stall", outcome: "hang", status: 200, aborted: true });
    const streamed = await Effect.runPromise(Effect.timeoutOption(Stream.runCollect(provider("stall").stream(hi)), "200 millis"));
    expect(streamed._tag).toBe("None");
    await sim.settled();
    expect(sim.log[1]).toMatchObject({ model: "stall", stream: true, chunksSent: 1, aborted: true });
  });

  it("closes the upstream connection when the stream consumer stops early", async () => {
    sim.setScript("slow", { text: "a b c d e f g h i j", chunkDelayMs: 100 });
    const events = await collect(provider("slow").stream(hi).pipe(Stream.filter((e) => e.type === "text-delta"), Stream.take(2)));
    expect(events.length).toBe(2);
    await sim.settled();
    expect(sim.log[0]).toMatchObject({ model: "slow", aborted: true });
    expect(sim.log[0]?.chunksSent).toBeLessThan(8);
  });

  it("embeds inputs in order", async () => {
    const embedder = provider.embedding?.("text-embedding-3-small");
    const r = await Effect.runPromise(embedder!.embed(["alpha", "beta"], { dimensions: 4 }));
    expect(r.embeddings.map((e) => e.length)).toEqual([4, 4]);
    expect(r.usage.inputTokens).toBeGreaterThan(0);
    expect(sim.log[0]?.body).toEqual({ model: "text-embedding-3-small", input: ["alpha", "beta"], encoding_format: "float", dimensions: 4 });
  });

  it("rejects invalid settings with a ConfigError", () => {
    expect(() => createOpenAICompatible({ name: "x", baseURL: "not a url" })).toThrow(/baseURL/);
  });
});
