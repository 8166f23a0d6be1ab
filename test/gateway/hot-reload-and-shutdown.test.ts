import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "@switchyard/providers/testing";
import { startGatewayProcess, type GatewayProcess } from "../support/start-gateway-process.js";
import { startTestSimulator } from "../support/start-test-simulator.js";
import { writeTempConfig } from "../support/write-temp-config.js";

const SLOW_TEXT = Array.from({ length: 24 }, (_, i) => `word${i}`).join(" ");

let sim: Simulator;
let cfg: ReturnType<typeof writeTempConfig>;
const base = {
  models: { slow: { provider: "simulator", model: "slow" }, fast: { provider: "simulator", model: "gpt-4o-mini" } },
  routes: { main: { models: ["slow"] } },
};

beforeAll(async () => {
  sim = await startTestSimulator({ scripts: { slow: { then: { text: SLOW_TEXT, chunkDelayMs: 120 } } } });
});
afterAll(async () => {
  await sim?.close();
  cfg?.cleanup();
});

/** Starts a streaming request and resolves once its first chunk arrived; `rest` gives the whole body. */
const openStream = async (url: string, model: string) => {
  const res = await fetch(`${url}/v1/chat/completions`, { method: "POST", body: JSON.stringify({ model, stream: true, messages: [{ role: "user", content: "go" }] }) });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = decoder.decode((await reader.read()).value);
  const rest = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      text += decoder.decode(value);
    }
  })();
  return { rest };
};
const streamedText = (sse: string): string =>
  sse
    .split("\n\n")
    .filter((f) => f.startsWith("data: {"))
    .map((f) => (JSON.parse(f.slice(6)) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content ?? "")
    .join("");
const modelIds = async (url: string) => ((await (await fetch(`${url}/v1/models`)).json()) as { data: Array<{ id: string }> }).data.map((m) => m.id);

describe("hot reload", () => {
  let gw: GatewayProcess;
  afterAll(async () => {
    await gw?.stop();
  });

  it("swaps routes while a slow stream completes on the old config, and rejects a bad config", { timeout: 90_000 }, async () => {
    cfg = writeTempConfig("gateway.json", base);
    gw = await startGatewayProcess(cfg.path, { SWITCHYARD_SIMULATOR_URL: sim.url });
    const stream = await openStream(gw.url, "main");

    cfg.write({ ...base, routes: { ...base.routes, next: { models: ["fast"] } } });
    const deadline = Date.now() + 10_000;
    while (!(await modelIds(gw.url)).includes("next")) {
      if (Date.now() > deadline) throw new Error(`reload not seen:\n${gw.process.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const fresh = await fetch(`${gw.url}/v1/chat/completions`, { method: "POST", body: JSON.stringify({ model: "next", messages: [{ role: "user", content: "hi" }] }) });
    expect(fresh.status).toBe(200);

    const body = await stream.rest;
    expect(streamedText(body)).toBe(SLOW_TEXT);
    expect(body.trimEnd().endsWith("data: [DONE]")).toBe(true);

    cfg.write({ ...base, routes: { main: { models: ["gtp-4o"] } } });
    await gw.process.waitFor(/config reload rejected.*routes\.main\.models\[0\]: unknown model \\"gtp-4o\\"/, 10_000);
    expect(await modelIds(gw.url)).toContain("next");
  });
});

describe("graceful shutdown", () => {
  it("drains an in-flight stream on SIGTERM, then exits 0", { timeout: 90_000 }, async () => {
    cfg ??= writeTempConfig("gateway.json", base);
    cfg.write(base);
    const gw = await startGatewayProcess(cfg.path, { SWITCHYARD_SIMULATOR_URL: sim.url });
    const stream = await openStream(gw.url, "main");
    const exit = gw.stop();
    const body = await stream.rest;
    expect(streamedText(body)).toBe(SLOW_TEXT);
    expect(await exit).toBe(0);
  });
});
