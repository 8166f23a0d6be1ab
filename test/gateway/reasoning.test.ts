import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger, startGateway, type RunningGateway } from "@switchyard/gateway";
import type { Simulator } from "@switchyard/providers/testing";
import { startGatewayProcess, type GatewayProcess } from "../support/start-gateway-process.js";
import { startTestSimulator } from "../support/start-test-simulator.js";
import { writeTempConfig } from "../support/write-temp-config.js";

// The model's reasoning reaches clients: OpenAI's `reasoning_content`, Anthropic's thinking blocks.
const THOUGHT = "First, recall that six times seven is forty-two.";
const ANSWER = "The answer is 42.";

let sim: Simulator;
let gw: GatewayProcess;
let cfg: ReturnType<typeof writeTempConfig>;

beforeAll(async () => {
  sim = await startTestSimulator({ scripts: { thinker: { then: { reasoning: THOUGHT, text: ANSWER } }, plain: { then: { text: ANSWER } } } });
  cfg = writeTempConfig("gateway.json", {
    models: { think: { provider: "simulator", model: "thinker" }, plain: { provider: "simulator", model: "plain" } },
  });
  gw = await startGatewayProcess(cfg.path, { SWITCHYARD_SIMULATOR_URL: sim.url });
}, 120_000);
afterAll(async () => {
  await gw?.stop();
  await sim?.close();
  cfg?.cleanup();
});

/** `reasoning_content` is a DeepSeek / vLLM extension the OpenAI SDK passes through untyped. */
type WithReasoning = { reasoning_content?: string };
const openai = () => new OpenAI({ apiKey: "unused", baseURL: `${gw.url}/v1`, maxRetries: 0, timeout: 15_000 });
const anthropic = () => new Anthropic({ apiKey: "unused", baseURL: gw.url, maxRetries: 0, timeout: 15_000 });

describe("OpenAI format", () => {
  it("puts the reasoning in choices[0].message.reasoning_content, apart from the content", async () => {
    const res = await openai().chat.completions.create({ model: "think", messages: [{ role: "user", content: "6*7?" }] });
    const message = res.choices[0]!.message as typeof res.choices[0]["message"] & WithReasoning;
    expect(message.reasoning_content).toBe(THOUGHT);
    expect(message.content).toBe(ANSWER);
  });

  it("has no reasoning_content when the model gave none", async () => {
    const res = await openai().chat.completions.create({ model: "plain", messages: [{ role: "user", content: "6*7?" }] });
    expect(res.choices[0]!.message).not.toHaveProperty("reasoning_content");
  });

  it("streams reasoning as delta.reasoning_content before the content deltas", async () => {
    const stream = await openai().chat.completions.create({ model: "think", stream: true, messages: [{ role: "user", content: "6*7?" }] });
    let reasoning = "";
    let content = "";
    let reasoningAfterContent = false;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as (typeof chunk.choices)[0]["delta"] & WithReasoning;
      if (delta?.reasoning_content) {
        reasoning += delta.reasoning_content;
        if (content !== "") reasoningAfterContent = true;
      }
      content += delta?.content ?? "";
    }
    expect(reasoning).toBe(THOUGHT);
    expect(content).toBe(ANSWER);
    expect(reasoningAfterContent).toBe(false);
  });
});

describe("Anthropic format", () => {
  it("answers with a thinking block before the text block", async () => {
    const msg = await anthropic().messages.create({ model: "think", max_tokens: 256, messages: [{ role: "user", content: "6*7?" }] });
    expect(msg.content.map((b) => b.type)).toEqual(["thinking", "text"]);
    expect(msg.content[0]).toMatchObject({ type: "thinking", thinking: THOUGHT });
    expect(msg.content[1]).toMatchObject({ type: "text", text: ANSWER });
  });

  it("streams thinking_delta events the SDK accumulates into a thinking block", async () => {
    const stream = anthropic().messages.stream({ model: "think", max_tokens: 256, messages: [{ role: "user", content: "6*7?" }] });
    let thinking = "";
    stream.on("thinking", (delta) => (thinking += delta));
    const final = await stream.finalMessage();
    expect(thinking).toBe(THOUGHT);
    expect(final.content.map((b) => b.type)).toEqual(["thinking", "text"]);
    expect(final.content[0]).toMatchObject({ type: "thinking", thinking: THOUGHT });
    expect(final.content[1]).toMatchObject({ type: "text", text: ANSWER });
  });
});

describe("from the cache", () => {
  let local: RunningGateway | undefined;
  afterAll(async () => {
    await local?.close();
  });

  it("replays the reasoning of a cached answer, streamed or not", async () => {
    local = await startGateway({
      config: { models: { think: { provider: "simulator", model: "thinker", baseURL: `${sim.url}/v1` } }, cache: { ttlSeconds: 60 } },
      port: 0,
      logger: silentLogger,
    });
    const client = new OpenAI({ apiKey: "unused", baseURL: `${local.url}/v1`, maxRetries: 0, timeout: 15_000 });
    const body = { model: "think", messages: [{ role: "user" as const, content: "cache me" }] };
    await client.chat.completions.create(body);
    const { data, response } = await client.chat.completions.create(body).withResponse();
    expect(response.headers.get("x-switchyard-cache")).toBe("hit");
    expect((data.choices[0]!.message as WithReasoning).reasoning_content).toBe(THOUGHT);
    const stream = await client.chat.completions.create({ ...body, stream: true });
    let reasoning = "";
    for await (const chunk of stream) reasoning += (chunk.choices[0]?.delta as WithReasoning | undefined)?.reasoning_content ?? "";
    expect(reasoning).toBe(THOUGHT);
  });
});
