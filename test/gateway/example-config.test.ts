import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "@switchyard/providers/testing";
import { startGatewayProcess, type GatewayProcess } from "../support/start-gateway-process.js";
import { startTestSimulator } from "../support/start-test-simulator.js";

// The README's example config, in simulator mode (no OPENAI_API_KEY), as a real process.
let sim: Simulator;
let gw: GatewayProcess;

beforeAll(async () => {
  sim = await startTestSimulator();
  gw = await startGatewayProcess("examples/gateway/switchyard.config.ts", { SWITCHYARD_SIMULATOR_URL: sim.url, OPENAI_API_KEY: "" });
}, 120_000);

afterAll(async () => {
  await gw?.stop();
  await sim?.close();
});

describe("examples/gateway/switchyard.config.ts", () => {
  it("serves its routes and aliases on the simulator", async () => {
    const client = new OpenAI({ apiKey: "unused", baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const ids = [];
    for await (const m of client.models.list()) ids.push(m.id);
    expect(ids).toEqual(expect.arrayContaining(["resilient", "classified", "sentiment", "default", "gpt-4o"]));
    const { data, response } = await client.chat.completions.create({ model: "default", messages: [{ role: "user", content: "Hi" }] }).withResponse();
    expect(data.system_fingerprint).toBe("switchyard-simulator");
    expect(response.headers.get("x-switchyard-route")).toBe("resilient");
    const code = await client.chat.completions.create({ model: "classified", messages: [{ role: "user", content: "```js\nconst f = () => 1\n```" }] }).withResponse();
    expect(code.response.headers.get("x-switchyard-model")).toBe("large");
  });
});
