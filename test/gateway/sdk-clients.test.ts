import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "@switchyard/providers/testing";
import { startGatewayProcess, type GatewayProcess } from "../support/start-gateway-process.js";
import { startTestSimulator } from "../support/start-test-simulator.js";
import { writeTempConfig } from "../support/write-temp-config.js";

// Real SDK clients against a real gateway process over a real upstream simulator.
const KEY = "sk-sy-test-main-key-0123456789";
const SCOPED = "sk-sy-test-scoped-key-0123456789";
const LIMITED = "sk-sy-test-limited-key-0123456789";

let sim: Simulator;
let gw: GatewayProcess;
let cfg: ReturnType<typeof writeTempConfig>;

beforeAll(async () => {
  sim = await startTestSimulator();
  cfg = writeTempConfig("gateway.json", {
    models: {
      fast: { provider: "simulator", model: "gpt-4o-mini" },
      tools: { provider: "simulator", model: "sim-tools" },
      broken: { provider: "simulator", model: "sim-fail-500" },
    },
    routes: { main: { models: ["broken", "fast"], retry: false } },
    aliases: { "gpt-4o": "main" },
    keys: [
      { name: "main", key: "env:GW_TEST_KEY" },
      { name: "scoped", key: "env:GW_TEST_SCOPED", routes: ["fast"] },
      { name: "limited", key: "env:GW_TEST_LIMITED", rpm: 1 },
    ],
    limits: { maxBodyBytes: 32 * 1024 },
  });
  gw = await startGatewayProcess(cfg.path, { SWITCHYARD_SIMULATOR_URL: sim.url, GW_TEST_KEY: KEY, GW_TEST_SCOPED: SCOPED, GW_TEST_LIMITED: LIMITED });
}, 120_000);

afterAll(async () => {
  await gw?.stop();
  await sim?.close();
  cfg?.cleanup();
});

const openai = (apiKey = KEY, extra: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}) =>
  new OpenAI({ apiKey, baseURL: `${gw.url}/v1`, maxRetries: 0, timeout: 15_000, ...extra });

describe("OpenAI SDK against the gateway", () => {
  it("answers a chat completion through a route with fallback, with switchyard headers", async () => {
    const { data, response } = await openai()
      .chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "Hello" }] })
      .withResponse();
    expect(data.object).toBe("chat.completion");
    expect(data.id).toMatch(/^chatcmpl-/);
    expect(data.choices[0]?.message.content).toContain("Hello");
    expect(data.choices[0]?.finish_reason).toBe("stop");
    expect(data.usage?.total_tokens).toBeGreaterThan(0);
    expect(response.headers.get("x-switchyard-route")).toBe("main");
    expect(response.headers.get("x-switchyard-model")).toBe("fast");
    expect(response.headers.get("x-switchyard-attempts")).toBe("2");
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("streams with include_usage: deltas, a finish chunk, then a usage chunk", async () => {
    const stream = await openai().chat.completions.create({
      model: "fast",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "Tell me something" }],
    });
    let text = "";
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      expect(chunk.object).toBe("chat.completion.chunk");
      text += chunk.choices[0]?.delta.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toContain("Tell me something");
    expect(finish).toBe("stop");
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it("passes tools and returns tool calls with finish_reason tool_calls", async () => {
    const res = await openai().chat.completions.create({
      model: "tools",
      messages: [{ role: "user", content: "Weather in Oslo?" }],
      tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }],
      tool_choice: "auto",
    });
    const call = res.choices[0]?.message.tool_calls?.[0];
    expect(res.choices[0]?.finish_reason).toBe("tool_calls");
    expect(call?.type).toBe("function");
    expect(call?.type === "function" ? call.function.name : undefined).toBe("get_weather");
    expect(() => JSON.parse(call?.type === "function" ? call.function.arguments : "")).not.toThrow();
  });

  it("streams tool calls as tool_calls deltas", async () => {
    const stream = await openai().chat.completions.create({
      model: "tools",
      stream: true,
      messages: [{ role: "user", content: "Weather?" }],
      tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: {} } } }],
    });
    const names: string[] = [];
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      for (const tc of chunk.choices[0]?.delta.tool_calls ?? []) if (tc.function?.name) names.push(tc.function.name);
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(names).toEqual(["get_weather"]);
    expect(finish).toBe("tool_calls");
  });

  it("honours response_format json_schema", async () => {
    const res = await openai().chat.completions.create({
      model: "fast",
      messages: [{ role: "user", content: "Give me a person" }],
      response_format: { type: "json_schema", json_schema: { name: "person", schema: { type: "object", properties: { name: { type: "string" } }, required: ["name"] } } },
    });
    const value = JSON.parse(res.choices[0]?.message.content ?? "") as { name?: unknown };
    expect(typeof value.name).toBe("string");
  });

  it("lists routes and aliases", async () => {
    const ids = [];
    for await (const m of openai().models.list()) ids.push(m.id);
    expect(ids).toEqual(expect.arrayContaining(["main", "fast", "tools", "gpt-4o"]));
  });

  it("maps errors to the SDK's error classes", async () => {
    await expect(openai().chat.completions.create({ model: "gtp-4o", messages: [{ role: "user", content: "x" }] })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(openai("sk-sy-wrong-key-000000000").chat.completions.create({ model: "fast", messages: [{ role: "user", content: "x" }] })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
    await expect(openai(SCOPED).chat.completions.create({ model: "main", messages: [{ role: "user", content: "x" }] })).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
    const corrupting = openai(KEY, { fetch: (url: RequestInfo | URL, init?: RequestInit) => fetch(url, { ...init, body: '{"model": "fast", "messages": [' }) });
    const badJson = await corrupting.chat.completions.create({ model: "fast", messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e);
    expect(badJson).toBeInstanceOf(OpenAI.BadRequestError);
    expect((badJson as InstanceType<typeof OpenAI.BadRequestError>).code).toBe("invalid_json");
    const schema = await openai().chat.completions.create({ model: "fast", messages: [{ role: "wizard" as "user", content: "x" }] }).catch((e: unknown) => e);
    expect(schema).toBeInstanceOf(OpenAI.BadRequestError);
    expect((schema as InstanceType<typeof OpenAI.BadRequestError>).param).toMatch(/^messages\[0\]/);
    const big = await openai().chat.completions.create({ model: "fast", messages: [{ role: "user", content: "x".repeat(64 * 1024) }] }).catch((e: unknown) => e);
    expect(big).toBeInstanceOf(OpenAI.APIError);
    expect((big as InstanceType<typeof OpenAI.APIError>).status).toBe(413);
  });

  it("rate-limits a key with a RateLimitError and retry-after", async () => {
    const client = openai(LIMITED);
    await client.chat.completions.create({ model: "fast", messages: [{ role: "user", content: "one" }] });
    const err = await client.chat.completions.create({ model: "fast", messages: [{ role: "user", content: "two" }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const rl = err as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rl.code).toBe("rate_limit_exceeded");
    expect(Number(rl.headers?.get("retry-after"))).toBeGreaterThan(0);
  });

  it("never writes a key to its output", () => {
    for (const k of [KEY, SCOPED, LIMITED]) expect(gw.process.output()).not.toContain(k);
  });
});

describe("Anthropic SDK against the gateway", () => {
  const anthropic = (apiKey = KEY) => new Anthropic({ apiKey, baseURL: gw.url, maxRetries: 0, timeout: 15_000 });

  it("answers a Messages request", async () => {
    const msg = await anthropic().messages.create({ model: "main", max_tokens: 64, system: "Be brief.", messages: [{ role: "user", content: "Hello Claude" }] });
    expect(msg.type).toBe("message");
    expect(msg.id).toMatch(/^msg_/);
    expect(msg.stop_reason).toBe("end_turn");
    const block = msg.content[0];
    expect(block?.type === "text" ? block.text : "").toContain("Hello Claude");
    expect(msg.usage.output_tokens).toBeGreaterThan(0);
  });

  it("streams Messages events the SDK accumulates into a final message", async () => {
    const stream = anthropic().messages.stream({ model: "fast", max_tokens: 64, messages: [{ role: "user", content: "Stream please" }] });
    let text = "";
    stream.on("text", (t) => (text += t));
    const final = await stream.finalMessage();
    expect(text).toContain("Stream please");
    expect(final.stop_reason).toBe("end_turn");
    expect(final.usage.output_tokens).toBeGreaterThan(0);
  });

  it("returns tool_use blocks", async () => {
    const msg = await anthropic().messages.create({
      model: "tools",
      max_tokens: 64,
      messages: [{ role: "user", content: "Weather?" }],
      tools: [{ name: "get_weather", input_schema: { type: "object", properties: { city: { type: "string" } } } }],
    });
    expect(msg.stop_reason).toBe("tool_use");
    const block = msg.content.find((b) => b.type === "tool_use");
    expect(block?.type === "tool_use" ? block.name : undefined).toBe("get_weather");
  });

  it("maps errors to the SDK's error classes", async () => {
    await expect(anthropic().messages.create({ model: "nope", max_tokens: 5, messages: [{ role: "user", content: "x" }] })).rejects.toBeInstanceOf(Anthropic.NotFoundError);
    await expect(anthropic("sk-sy-wrong").messages.create({ model: "fast", max_tokens: 5, messages: [{ role: "user", content: "x" }] })).rejects.toBeInstanceOf(
      Anthropic.AuthenticationError,
    );
  });
});
