import { Agent, request } from "node:http";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger, startGateway, type RunningGateway } from "@switchyard/gateway";
import type { Simulator } from "@switchyard/providers/testing";
import { startGatewayProcess, type GatewayProcess } from "../support/start-gateway-process.js";
import { startTestSimulator } from "../support/start-test-simulator.js";
import { writeTempConfig } from "../support/write-temp-config.js";

// A stream that times out after its first tokens ends with an error event in the format's
// shape, the response terminates properly (the connection stays usable), and the upstream
// call is abandoned.
const TEXT = Array.from({ length: 20 }, (_, i) => `word${i}`).join(" ");

let sim: Simulator;
let gw: GatewayProcess;
let cfg: ReturnType<typeof writeTempConfig>;

beforeAll(async () => {
  sim = await startTestSimulator({
    scripts: {
      stalls: { then: { text: TEXT, hangAfterChunks: 4 } },
      slow: { then: { text: TEXT, chunkDelayMs: 250 } },
    },
  });
  cfg = writeTempConfig("gateway.json", {
    models: { stalls: { provider: "simulator", model: "stalls" }, fast: { provider: "simulator", model: "gpt-4o-mini" } },
    routes: { stalled: { models: ["stalls"], retry: false, timeout: { idleMs: 400 } } },
  });
  gw = await startGatewayProcess(cfg.path, { SWITCHYARD_SIMULATOR_URL: sim.url });
}, 120_000);
afterAll(async () => {
  await gw?.stop();
  await sim?.close();
  cfg?.cleanup();
});

interface RawExchange {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: string;
  readonly reusedSocket: boolean;
}

/** One POST over `agent`, read to the end of the body; rejects if the response does not end properly. */
const post = (url: string, path: string, body: unknown, agent: Agent): Promise<RawExchange> =>
  new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = request(`${url}${path}`, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(text) } }, (res) => {
      let data = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (data += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, contentType: res.headers["content-type"], body: data, reusedSocket: req.reusedSocket }));
      res.on("error", reject);
      res.on("aborted", () => reject(new Error("response aborted before its end")));
    });
    req.setTimeout(15_000, () => req.destroy(new Error("no end of response within 15 s")));
    req.on("error", reject);
    req.end(text);
  });

const frames = (sse: string): string[] => sse.split("\n\n").filter((f) => f.trim() !== "");
const data = (frame: string): unknown => JSON.parse(frame.slice(frame.indexOf("data: ") + 6));

describe("idle timeout after the first token (route timeout.idleMs in a JSON config)", () => {
  it("ends the SSE stream with an OpenAI error event, ends the response cleanly, and releases the upstream", { timeout: 30_000 }, async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const started = Date.now();
      const res = await post(gw.url, "/v1/chat/completions", { model: "stalled", stream: true, messages: [{ role: "user", content: "go" }] }, agent);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(res.status).toBe(200);
      expect(res.contentType).toMatch(/^text\/event-stream/);
      const all = frames(res.body);
      const last = all.at(-1)!;
      expect(data(last)).toEqual({ error: { message: expect.stringMatching(/mid-stream/), type: "timeout_error", param: null, code: "upstream_timeout" } });
      // Tokens before the error, each once, and no finish chunk or [DONE] after it.
      const chunks = all.slice(0, -1).map((f) => data(f) as { choices: Array<{ delta: { content?: string }; finish_reason: string | null }> });
      const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
      expect(text.length).toBeGreaterThan(0);
      expect(TEXT.startsWith(text)).toBe(true);
      expect(chunks.every((c) => c.choices[0]?.finish_reason === null)).toBe(true);
      expect(res.body).not.toContain("[DONE]");

      // The response was terminated properly, so the same keep-alive connection serves the next request.
      const next = await post(gw.url, "/v1/chat/completions", { model: "fast", messages: [{ role: "user", content: "again" }] }, agent);
      expect(next.status).toBe(200);
      expect(next.reusedSocket).toBe(true);
      // The stalled upstream request was abandoned, not left hanging.
      await expect(Promise.race([sim.settled().then(() => "settled"), new Promise((r) => setTimeout(() => r("still open"), 5_000))])).resolves.toBe("settled");
    } finally {
      agent.destroy();
    }
  });

  it("surfaces as an APIError from the official OpenAI client's stream", { timeout: 30_000 }, async () => {
    const client = new OpenAI({ apiKey: "unused", baseURL: `${gw.url}/v1`, maxRetries: 0, timeout: 15_000 });
    const stream = await client.chat.completions.create({ model: "stalled", stream: true, messages: [{ role: "user", content: "go" }] });
    let text = "";
    const consume = async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    };
    await expect(consume()).rejects.toBeInstanceOf(OpenAI.APIError);
    expect(text.length).toBeGreaterThan(0);
  });

  it("ends an Anthropic stream with an `error` event the SDK raises", { timeout: 30_000 }, async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const res = await post(gw.url, "/v1/messages", { model: "stalled", max_tokens: 100, stream: true, messages: [{ role: "user", content: "go" }] }, agent);
      const last = frames(res.body).at(-1)!;
      expect(last.startsWith("event: error\n")).toBe(true);
      expect(data(last)).toEqual({ type: "error", error: { type: "timeout_error", message: expect.stringMatching(/mid-stream/) } });
      expect(res.body).not.toContain("message_stop");
    } finally {
      agent.destroy();
    }
    const client = new Anthropic({ apiKey: "unused", baseURL: gw.url, maxRetries: 0, timeout: 15_000 });
    const stream = client.messages.stream({ model: "stalled", max_tokens: 100, messages: [{ role: "user", content: "go" }] });
    await expect(stream.finalMessage()).rejects.toThrow(/mid-stream/);
  });
});

describe("the gateway's own request timeout, mid-stream", () => {
  let local: RunningGateway | undefined;
  afterAll(async () => {
    await local?.close();
  });

  it("ends the stream with a request_timeout error event", { timeout: 30_000 }, async () => {
    local = await startGateway({
      config: {
        models: { slow: { provider: "simulator", model: "slow", baseURL: `${sim.url}/v1` }, fast: { provider: "simulator", model: "gpt-4o-mini", baseURL: `${sim.url}/v1` } },
        limits: { requestTimeoutMs: 1200 } },
      port: 0,
      logger: silentLogger,
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const res = await post(local.url, "/v1/chat/completions", { model: "slow", stream: true, messages: [{ role: "user", content: "go" }] }, agent);
      expect(res.status).toBe(200);
      const all = frames(res.body);
      expect(all.length).toBeGreaterThan(2);
      expect(data(all.at(-1)!)).toEqual({
        error: { message: "The request took longer than the gateway's request timeout.", type: "timeout_error", param: null, code: "request_timeout" },
      });
      const next = await post(local.url, "/v1/chat/completions", { model: "fast", messages: [{ role: "user", content: "x" }] }, agent);
      expect(next).toMatchObject({ status: 200, reusedSocket: true });
    } finally {
      agent.destroy();
    }
  });
});
