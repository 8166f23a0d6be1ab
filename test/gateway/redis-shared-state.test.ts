import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "@switchyard/providers/testing";
import { startGatewayProcess, type GatewayProcess } from "../support/start-gateway-process.js";
import { startRedis, type TestRedis } from "../support/start-redis.js";
import { startTestSimulator } from "../support/start-test-simulator.js";
import { writeTempConfig } from "../support/write-temp-config.js";

// Two real gateway processes share one real redis-server: limits and budgets are global.
const RPM_KEY = "sk-sy-shared-rpm-key-0123456789";
const BUDGET_KEY = "sk-sy-shared-budget-key-0123456789";
const ADMIN = "sk-sy-admin-key-0123456789";
const PRICE = 1000; // USD per 1M tokens: every token costs $0.001
const CALL_TOKENS = 20; // the simulator is scripted to report 10 + 10 tokens
const BUDGET_USD = 0.2;

let sim: Simulator;
let redis: TestRedis;
let a: GatewayProcess;
let b: GatewayProcess;
let cfg: ReturnType<typeof writeTempConfig>;

beforeAll(async () => {
  sim = await startTestSimulator({ scripts: { priced: { then: { promptTokens: 10, completionTokens: 10 } } } });
  redis = await startRedis();
  const spec = { id: "priced", provider: "simulator", contextWindow: 8192, maxOutputTokens: 1024, pricing: { input: PRICE, output: PRICE }, capabilities: { tools: true, vision: false, json: true, streaming: true } };
  cfg = writeTempConfig("gateway.json", {
    models: { priced: { provider: "simulator", model: "priced", spec } },
    keys: [
      { name: "rpm", key: "env:RPM_KEY", rpm: 10 },
      { name: "budget", key: "env:BUDGET_KEY", budget: { dailyUsd: BUDGET_USD } },
    ],
    admin: { key: "env:ADMIN_KEY" },
    state: { redis: redis.url, prefix: `test-${Date.now()}:` },
  });
  const env = { SWITCHYARD_SIMULATOR_URL: sim.url, RPM_KEY, BUDGET_KEY, ADMIN_KEY: ADMIN };
  [a, b] = await Promise.all([startGatewayProcess(cfg.path, env), startGatewayProcess(cfg.path, env)]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
  await sim?.close();
  cfg?.cleanup();
});

const chat = (url: string, key: string) =>
  fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "priced", max_tokens: 10, messages: [{ role: "user", content: "Hi" }] }),
  });

/** Fixed one-minute windows: start a burst well inside one. */
const awayFromMinuteEdge = async (): Promise<void> => {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 200));
};

describe("two gateways on one Redis", () => {
  it("enforce one shared RPM limit exactly under concurrent load", { timeout: 90_000 }, async () => {
    await awayFromMinuteEdge();
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => chat(i % 2 === 0 ? a.url : b.url, RPM_KEY)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    const body = (await responses.find((r) => r.status === 429)!.json()) as { error: { code: string } };
    expect(body.error.code).toBe("rate_limit_exceeded");
    // Each replica alone would have let 10 of its 20 through: the limit is shared.
    await Promise.all(responses.map((r) => (r.bodyUsed ? undefined : r.body?.cancel())));
  });

  it("enforce one shared budget: spend never passes it and equals the answers' cost", async () => {
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => chat(i % 2 === 0 ? a.url : b.url, BUDGET_KEY)));
    const ok = responses.filter((r) => r.status === 200).length;
    const refused = responses.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(((await refused[0]!.json()) as { error: { code: string } }).error.code).toBe("insufficient_quota");
    expect(ok).toBeGreaterThanOrEqual(Math.floor(BUDGET_USD / (0.06)));
    const spend = (await (await fetch(`${b.url}/admin/keys/cfg_budget/spend`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as { spendTodayUsd: number };
    expect(spend.spendTodayUsd).toBeCloseTo(ok * CALL_TOKENS * (PRICE / 1_000_000), 6);
    expect(spend.spendTodayUsd).toBeLessThanOrEqual(BUDGET_USD + 1e-9);
    await Promise.all(responses.map((r) => (r.bodyUsed ? undefined : r.body?.cancel())));
  });
});
