import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "@switchyard/providers/testing";
import { startGatewayProcess, type GatewayProcess } from "../support/start-gateway-process.js";
import { startRedis, type TestRedis } from "../support/start-redis.js";
import { startTestSimulator } from "../support/start-test-simulator.js";
import { writeTempConfig } from "../support/write-temp-config.js";

// Redis dies mid-test: the gateway keeps serving on local state, says so on /ready, and
// pushes the outage's usage back when a (fresh, empty) Redis returns on the same port.
const KEY = "sk-sy-outage-key-0123456789";
const ADMIN = "sk-sy-outage-admin-0123456789";

let sim: Simulator;
let redis: TestRedis;
let gw: GatewayProcess;
let cfg: ReturnType<typeof writeTempConfig>;

beforeAll(async () => {
  sim = await startTestSimulator();
  redis = await startRedis();
  cfg = writeTempConfig("gateway.json", {
    models: { fast: { provider: "simulator", model: "gpt-4o-mini" } },
    keys: [{ name: "team", key: "env:KEY", rpm: 1000 }],
    admin: { key: "env:ADMIN" },
    state: { redis: redis.url },
  });
  gw = await startGatewayProcess(cfg.path, { SWITCHYARD_SIMULATOR_URL: sim.url, KEY, ADMIN });
}, 120_000);

afterAll(async () => {
  await gw?.stop();
  await redis?.stop();
  await sim?.close();
  cfg?.cleanup();
});

const chat = () =>
  fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ model: "fast", messages: [{ role: "user", content: "Hi" }] }),
  });
const ready = async () => (await (await fetch(`${gw.url}/ready`)).json()) as { status: string; redis: string };
const used = async () =>
  ((await (await fetch(`${gw.url}/admin/keys/cfg_team/spend`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as { requestsThisMinute: number }).requestsThisMinute;
const until = async (cond: () => Promise<boolean>, timeoutMs: number): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe("Redis outage", () => {
  it("keeps serving while Redis is down and reconciles counters when it returns", { timeout: 90_000 }, async () => {
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 40_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 200));
    expect(await ready()).toEqual({ status: "ok", redis: "up" });
    for (let i = 0; i < 3; i++) expect((await chat()).status).toBe(200);
    expect(await used()).toBe(3);

    await redis.kill();
    for (let i = 0; i < 2; i++) expect((await chat()).status).toBe(200);
    expect(await ready()).toEqual({ status: "degraded", redis: "down" });
    expect(await used()).toBe(5);

    redis = await redis.restart();
    await until(async () => (await ready()).status === "ok", 15_000);
    // Redis came back empty: the replica restored the shared total including the outage.
    expect(await used()).toBe(5);
    expect((await chat()).status).toBe(200);
    expect(await used()).toBe(6);
    expect(gw.process.output()).toContain("serving on local state");
  });
});
