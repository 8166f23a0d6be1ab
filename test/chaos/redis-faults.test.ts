import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "@switchyard/providers/testing";
import { spawnGateway, type GatewayProcess } from "./harness/gateway-process.js";
import { startRedisServer, type RedisServer } from "./harness/redis-server.js";

/**
 * Two gateway replicas share a real redis-server. Redis is slowed (DEBUG SLEEP), paused
 * (CLIENT PAUSE), killed and restarted under load: no client request may fail because of
 * it. Budgets: while Redis is away each replica enforces on its own view, so spend can pass
 * a budget by at most (replicas − 1) × budget (documented in redis-router-state.ts); when
 * Redis returns, the outage spend is pushed back into the shared counter.
 */
const REPLICAS = 2;
// Every answer costs exactly $0.02 (20 output tokens at $1000 per 1M), and is reserved as that.
const COST = 0.02;
const BUDGET = 0.2;
const spec = { id: "budget-model", provider: "simulator", contextWindow: 8_192, maxOutputTokens: 1_024, pricing: { input: 0, output: 1_000 }, capabilities: { tools: false, vision: false, json: false, streaming: true } };
const keyFor = (name: string) => `sk-sy-redis-${name}-0123456789abcdef`;

let sim: Simulator;
let redis: RedisServer;
const gws: GatewayProcess[] = [];

beforeAll(async () => {
  sim = await startSimulator({ scripts: { "budget-model": { then: { promptTokens: 1, completionTokens: 20 } } }, logLimit: 1_000 });
  redis = await startRedisServer();
  const config = {
    models: { m: { provider: "simulator", model: "budget-model", baseURL: `${sim.url}/v1`, spec } },
    keys: ["load", "steady", "outage"].map((name) => ({ name, key: `env:SY_KEY_${name.toUpperCase()}`, budget: { dailyUsd: name === "load" ? 1_000 : BUDGET } })),
    state: { redis: redis.url, prefix: "chaos:" },
  };
  const env = { SY_KEY_LOAD: keyFor("load"), SY_KEY_STEADY: keyFor("steady"), SY_KEY_OUTAGE: keyFor("outage") };
  gws.push(...(await Promise.all(Array.from({ length: REPLICAS }, () => spawnGateway({ config, env })))));
});

afterAll(async () => {
  await Promise.all(gws.map((g) => g.stop()));
  await redis?.stop();
  await sim?.close();
});

const call = (gw: GatewayProcess, key: string): Promise<number> =>
  fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "m", max_tokens: 20, messages: [{ role: "user", content: "budget" }] }),
    signal: AbortSignal.timeout(15_000),
  }).then(
    async (r) => {
      await r.arrayBuffer();
      return r.status;
    },
    () => 0,
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const readyStatus = async (gw: GatewayProcess) => ((await (await fetch(`${gw.url}/ready`)).json()) as { redis?: string }).redis;

/** Sends requests alternating over the replicas until `until` settles; returns the statuses. */
const loadUntil = async (until: Promise<unknown>, key: string): Promise<number[]> => {
  const statuses: number[] = [];
  let done = false;
  void until.finally(() => (done = true));
  let n = 0;
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (!done) statuses.push(await call(gws[n++ % REPLICAS]!, key));
    }),
  );
  return statuses;
};

describe("Redis faults under load, two replicas", () => {
  it("slow, paused, killed and restarted Redis fails no request", { timeout: 90_000 }, async () => {
    const faults: string[] = [];
    const plan = (async () => {
      await sleep(500);
      faults.push("DEBUG SLEEP 1.5");
      await redis.cliAsync("DEBUG", "SLEEP", "1.5");
      await sleep(500);
      faults.push("CLIENT PAUSE 1500");
      redis.cli("CLIENT", "PAUSE", "1500", "ALL");
      await sleep(2_000);
      faults.push("kill -9");
      await redis.kill();
      await sleep(2_000);
      faults.push("restart");
      await redis.restart();
      await sleep(2_500);
    })();
    const statuses = await loadUntil(plan, keyFor("load"));
    const failures = statuses.filter((s) => s !== 200);
    console.log(`[redis-chaos] replicas=${REPLICAS} requests=${statuses.length} faults=${JSON.stringify(faults)} failures=${failures.length} statuses=${JSON.stringify([...new Set(statuses)])}`);
    expect(statuses.length).toBeGreaterThan(50);
    expect(failures).toEqual([]);
    expect(gws.every((g) => g.alive())).toBe(true);
    // Both replicas found their way back to the shared state.
    const deadline = Date.now() + 10_000;
    while ((await Promise.all(gws.map(readyStatus))).some((s) => s !== undefined && s !== "up") && Date.now() < deadline) await sleep(200);
    expect(await Promise.all(gws.map(readyStatus))).not.toContain("down");
  });

  it("budget spend: exact with Redis up; at most replicas × budget while it is down; reconciled when it returns", { timeout: 90_000 }, async () => {
    // Redis up: the shared counter stops the key at its budget across both replicas.
    let okUp = 0;
    for (let i = 0; i < 20; i++) if ((await call(gws[i % REPLICAS]!, keyFor("steady"))) === 200) okUp++;
    // Redis down: each replica enforces alone.
    await redis.kill();
    await sleep(500);
    let okDown = 0;
    for (let i = 0; i < 40; i++) if ((await call(gws[i % REPLICAS]!, keyFor("outage"))) === 200) okDown++;
    // Redis back (empty: no persistence): the outage deltas are pushed into the shared counters.
    await redis.restart();
    const deadline = Date.now() + 10_000;
    while ((await Promise.all(gws.map(readyStatus))).some((s) => s === "down") && Date.now() < deadline) await sleep(200);
    const afterReturn = await Promise.all(gws.map((g) => call(g, keyFor("outage"))));
    const sharedMicroUsd = Number(redis.cli("--scan", "--pattern", "chaos:c:spend:key:cfg_outage:day:*").split("\n").filter(Boolean).map((k) => redis.cli("GET", k)).reduce((a, v) => a + Number(v), 0));
    const spentUp = okUp * COST;
    const spentDown = okDown * COST;
    console.log(
      `[redis-chaos] budget=$${BUDGET} up: ${okUp} ok ($${spentUp.toFixed(2)}); down: ${okDown} ok ($${spentDown.toFixed(2)}, bound $${(REPLICAS * BUDGET).toFixed(2)}); ` +
        `after return: statuses ${JSON.stringify(afterReturn)}, shared counter $${(sharedMicroUsd / 1e6).toFixed(2)}`,
    );
    expect(spentUp).toBeCloseTo(BUDGET, 6);
    expect(spentDown).toBeGreaterThan(BUDGET - 1e-9);
    expect(spentDown).toBeLessThanOrEqual(REPLICAS * BUDGET + 1e-9);
    expect(sharedMicroUsd / 1e6).toBeCloseTo(spentDown, 6);
    expect(afterReturn).toEqual(Array.from({ length: REPLICAS }, () => 429));
  });
});
