import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { APICallError } from "@ai-sdk/provider";
import { createRouter, type ChatRequest } from "@switchyard/core";
import { generateText, jsonSchema, streamText, tool } from "ai";
import { Effect, Exit, Stream } from "effect";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../testing/index.js";
import { fromAiSdk } from "./from-ai-sdk.js";
import { toAiSdk } from "./to-ai-sdk.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const aiSdkModel = (modelId: string) =>
  fromAiSdk(createOpenAICompatible({ name: "sim", baseURL: `${sim.url}/v1`, apiKey: "sk-sim-key", includeUsage: true }).chatModel(modelId));
const hi: ChatRequest = { messages: [{ role: "user", content: "Say hi" }], maxTokens: 50 };
const failure = (exit: Exit.Exit<unknown, unknown>) => (Exit.isFailure(exit) ? JSON.stringify(exit.cause) : "success");

describe("fromAiSdk: an @ai-sdk/openai-compatible model as a Switchyard target", () => {
  it("generates text with usage over real HTTP", async () => {
    sim.setScript("gpt-sim", { text: "Hello from the simulator", promptTokens: 12, completionTokens: 5, cachedTokens: 4 });
    const res = await Effect.runPromise(aiSdkModel("gpt-sim").generate(hi));
    expect(res.message.content).toBe("Hello from the simulator");
    expect(res.finishReason).toBe("stop");
    expect(res.usage).toMatchObject({ inputTokens: 12, outputTokens: 5, totalTokens: 17, cachedInputTokens: 4 });
    expect(sim.log[0]?.body).toMatchObject({ model: "gpt-sim", max_tokens: 50, messages: [{ role: "user", content: "Say hi" }] });
  });

  it("streams tool-call deltas that reassemble to the tool's arguments", async () => {
    sim.setScript("gpt-tools", { toolCalls: [{ name: "get_weather", arguments: { city: "Oslo" } }] });
    const request: ChatRequest = { ...hi, tools: [{ name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } }] };
    const events = await Effect.runPromise(Stream.runCollect(aiSdkModel("gpt-tools").stream(request)));
    const deltas = events.flatMap((e) => (e.type === "tool-call-delta" ? [e] : []));
    expect(deltas[0]).toMatchObject({ index: 0, name: "get_weather" });
    expect(JSON.parse(deltas.map((d) => d.argumentsDelta).join(""))).toEqual({ city: "Oslo" });
    expect(events.filter((e) => e.type === "finish")).toEqual([{ type: "finish", finishReason: "tool-calls" }]);
  });

  it("maps APICallError 429 to RateLimited with Retry-After", async () => {
    sim.setScript("gpt-busy", { status: 429, retryAfter: 3 });
    const exit = await Effect.runPromiseExit(aiSdkModel("gpt-busy").generate(hi));
    expect(failure(exit)).toContain('"_tag":"RateLimited"');
    expect(failure(exit)).toContain('"retryAfterMs":3000');
  });

  it("interrupting the stream aborts the AI SDK's upstream request", async () => {
    sim.setScript("gpt-slow", { text: "one two three four five six seven eight nine ten", chunkDelayMs: 200 });
    const first = await Effect.runPromise(
      aiSdkModel("gpt-slow").stream(hi).pipe(Stream.filter((e) => e.type === "text-delta"), Stream.take(1), Stream.runCollect),
    );
    expect(first).toHaveLength(1);
    await sim.settled();
    expect(sim.log[0]).toMatchObject({ model: "gpt-slow", aborted: true });
  });
});

describe("toAiSdk: a Switchyard route handed to generateText / streamText", () => {
  const router = () =>
    createRouter({
      models: { primary: aiSdkModel("gpt-primary"), backup: aiSdkModel("gpt-backup") },
      routes: { main: { models: ["primary", "backup"] }, only: { models: ["primary"] } },
    });

  it("generateText runs the route, falling back on a failed model, and reports the run", async () => {
    sim.setScript("gpt-primary", { status: 500 });
    sim.setScript("gpt-backup", { text: "Backup here", promptTokens: 7, completionTokens: 2 });
    const result = await generateText({ model: toAiSdk(router(), "main"), prompt: "Hello", maxRetries: 0 });
    expect(result.text).toBe("Backup here");
    expect(result.finishReason).toBe("stop");
    expect(result.usage).toMatchObject({ inputTokens: 7, outputTokens: 2, totalTokens: 9 });
    expect(result.providerMetadata?.switchyard).toMatchObject({ route: "main", model: "backup" });
    expect(sim.log.map((e) => e.model)).toEqual(expect.arrayContaining(["gpt-primary", "gpt-backup"]));
  });

  it("streamText streams the routed text and finishes with usage", async () => {
    sim.setScript("gpt-primary", { text: "Streaming through a route", promptTokens: 5, completionTokens: 4 });
    const result = streamText({ model: toAiSdk(router(), "main"), prompt: "Hello", maxRetries: 0 });
    let text = "";
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe("Streaming through a route");
    expect(await result.finishReason).toBe("stop");
    expect(await result.usage).toMatchObject({ inputTokens: 5, outputTokens: 4 });
    expect((await result.providerMetadata)?.switchyard).toMatchObject({ model: "primary" });
  });

  it("returns tool calls with parsed input to generateText", async () => {
    sim.setScript("gpt-primary", { toolCalls: [{ name: "get_weather", arguments: { city: "Oslo" } }] });
    const result = await generateText({
      model: toAiSdk(router(), "main"),
      prompt: "Weather in Oslo?",
      tools: { get_weather: tool({ description: "Weather", inputSchema: jsonSchema<{ city: string }>({ type: "object", properties: { city: { type: "string" } }, required: ["city"] }) }) },
      maxRetries: 0,
    });
    expect(result.toolCalls).toMatchObject([{ toolName: "get_weather", input: { city: "Oslo" } }]);
    expect(result.finishReason).toBe("tool-calls");
    expect(sim.log[0]?.body).toMatchObject({ tools: [{ type: "function", function: { name: "get_weather" } }] });
  });

  it("rejects with a non-retryable APICallError naming the routed failure", async () => {
    sim.setScript("gpt-primary", { status: 401 });
    const error: unknown = await generateText({ model: toAiSdk(router(), "only"), prompt: "Hello", maxRetries: 2 }).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(APICallError.isInstance(error) && error.isRetryable).toBe(false);
    // one upstream call: the AI SDK did not retry on top of the route
    expect(sim.log.filter((e) => e.model === "gpt-primary")).toHaveLength(1);
  });
});
