import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "@switchyard/providers/testing";
import { startGatewayProcess, type GatewayProcess } from "../support/start-gateway-process.js";
import { startTestSimulator } from "../support/start-test-simulator.js";
import { writeTempConfig } from "../support/write-temp-config.js";

// POST /v1/embeddings passes through to an embedding-capable provider, parsed by the official SDK.
let sim: Simulator;
let gw: GatewayProcess;
let cfg: ReturnType<typeof writeTempConfig>;

beforeAll(async () => {
  sim = await startTestSimulator();
  cfg = writeTempConfig("gateway.json", {
    models: { fast: { provider: "simulator", model: "gpt-4o-mini" } },
    routes: { main: { models: ["fast"] } },
    embeddings: { "text-embedding-3-small": { provider: "simulator", model: "text-embedding-3-small" } },
  });
  gw = await startGatewayProcess(cfg.path, { SWITCHYARD_SIMULATOR_URL: sim.url });
}, 120_000);

afterAll(async () => {
  await gw?.stop();
  await sim?.close();
  cfg?.cleanup();
});

describe("embeddings through the gateway", () => {
  const client = () => new OpenAI({ apiKey: "unused-auth-is-off", baseURL: `${gw.url}/v1`, maxRetries: 0, timeout: 15_000 });

  it("returns one vector per input from the upstream embedding model", async () => {
    const res = await client().embeddings.create({ model: "text-embedding-3-small", input: ["hello", "world"], encoding_format: "float" });
    expect(res.object).toBe("list");
    expect(res.data).toHaveLength(2);
    expect(res.data[0]?.embedding.length).toBeGreaterThan(0);
    expect(res.data.map((d) => d.index)).toEqual([0, 1]);
    expect(res.usage.prompt_tokens).toBeGreaterThan(0);
    const upstream = sim.log.filter((e) => e.path.endsWith("/embeddings"));
    expect(upstream).toHaveLength(1);
    expect(upstream[0]?.body).toMatchObject({ model: "text-embedding-3-small", input: ["hello", "world"] });
  });

  it("an unknown embedding model is a NotFoundError", async () => {
    await expect(client().embeddings.create({ model: "nope", input: "x" })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });
});
