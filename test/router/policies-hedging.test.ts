import { Effect } from "effect";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createRouter, makeMemoryRouterState, policy } from "@switchyard/core";
import { chatLog, simProvider, user } from "./sim-router.js";

const { sim, model } = await simProvider();
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe("hedged requests over real HTTP", () => {
  it("cut tail latency: a slow primary is beaten by the hedge, exactly one answer, the loser's connection closed", async () => {
    sim.setScript("slow", { then: { latencyMs: 1_500, text: "slow answer" } });
    sim.setScript("quick", { then: { latencyMs: 20, text: "quick answer" } });
    const models = { slow: model("slow"), quick: model("quick") };
    const unhedged = createRouter({ models, routes: { r: { models: ["slow", "quick"], retry: false } } });
    const hedged = createRouter({ models, routes: { r: { models: ["slow", "quick"], retry: false, hedge: { delayMs: 100 } } } });

    const t0 = Date.now();
    const plain = await unhedged.chat("r", user("hi"));
    const plainMs = Date.now() - t0;
    sim.reset(); // forgets the log and the scripts: set them again
    sim.setScript("slow", { then: { latencyMs: 1_500, text: "slow answer" } });
    sim.setScript("quick", { then: { latencyMs: 20, text: "quick answer" } });
    const t1 = Date.now();
    const res = await hedged.chat("r", user("hi"));
    const hedgedMs = Date.now() - t1;

    expect(plain.message.content).toBe("slow answer");
    expect(res.message.content).toBe("quick answer");
    expect(res.run.model).toBe("quick");
    expect(hedgedMs).toBeLessThan(plainMs / 2);
    expect(hedgedMs).toBeGreaterThanOrEqual(100);
    expect(res.run.attempts.map((a) => `${a.model}:${a.kind}:${a.outcome}`)).toEqual(["slow:call:cancelled", "quick:hedge:success"]);
    await sim.settled();
    const log = chatLog(sim);
    expect(log.map((e) => e.model)).toEqual(["slow", "quick"]);
    expect(log[0]).toMatchObject({ aborted: true });
  });

  it("does not start the hedge when the primary answers within the delay", async () => {
    sim.setScript("fine", { then: { latencyMs: 10, text: "fine" } });
    const router = createRouter({
      models: { fine: model("fine"), backup: model("backup") },
      routes: { r: { models: ["fine", "backup"], hedge: { delayMs: 300 } } },
    });
    const res = await router.chat("r", user("hi"));
    expect(res.run.model).toBe("fine");
    await new Promise((r) => setTimeout(r, 400));
    expect(chatLog(sim).map((e) => e.model)).toEqual(["fine"]);
  });

  it("a primary that fails fast starts the hedge at once instead of waiting the delay", async () => {
    const router = createRouter({
      models: { broken: model("broken-503"), backup: model("backup") },
      routes: { r: { models: ["broken", "backup"], retry: false, hedge: { delayMs: 2_000 } } },
    });
    sim.setScript("broken-503", { then: { status: 503 } });
    const t0 = Date.now();
    const res = await router.chat("r", user("hi"));
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(res.run.model).toBe("backup");
  });
});

describe("health-aware picking over real HTTP", () => {
  it("cools down a provider that starts failing, then probes it back once it recovers", async () => {
    let now = 1_000_000;
    const state = makeMemoryRouterState({ failureThreshold: 2, windowMs: 60_000, cooldownMs: 5_000 }, () => now);
    const router = createRouter({
      models: { flaky: model("flaky"), steady: model("steady") },
      routes: { r: { models: ["flaky", "steady"], retry: false, pick: policy.healthy() } },
      state,
    });
    sim.setScript("flaky", { then: { status: 500 } });
    await router.chat("r", user("1"));
    await router.chat("r", user("2"));
    expect(Effect.runSync(state.stats("flaky")).circuit).toBe("open");
    sim.reset();
    sim.setScript("flaky", { then: { status: 500 } });
    // While cooling down, the flaky model is not called at all.
    const cooled = await router.chat("r", user("3"));
    expect(cooled.run.attempts.map((a) => a.model)).toEqual(["steady"]);
    expect(chatLog(sim).map((e) => e.model)).toEqual(["steady"]);
    // After the cooldown it recovers: one probe goes to it first and closes the circuit.
    sim.setScript("flaky", { then: { text: "back" } });
    now += 5_000;
    const probed = await router.chat("r", user("4"));
    expect(probed.run.model).toBe("flaky");
    const again = await router.chat("r", user("5"));
    expect(again.run.model).toBe("flaky");
  });
});

describe("route deadline", () => {
  it("retries never run past the deadline, whatever the retry budget", async () => {
    sim.setScript("always-503", { then: { status: 503, latencyMs: 50 } });
    const router = createRouter({
      models: { m: model("always-503") },
      routes: { r: { models: ["m"], retry: { maxRetries: 50, initialDelayMs: 100, factor: 1, jitter: 0 }, timeout: { routeMs: 700 } } },
    });
    const t0 = Date.now();
    await expect(router.chat("r", user("hi"))).rejects.toMatchObject({ _tag: "NoRouteAvailable" });
    const took = Date.now() - t0;
    expect(took).toBeLessThan(800);
    const attempts = chatLog(sim).length;
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(attempts).toBeLessThan(8);
  });
});

describe("spend recorded by the engine drives budget-aware picking", () => {
  const spec = (id: string, input: number, output: number) => ({
    id,
    provider: "simulator",
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    pricing: { input, output },
    capabilities: { tools: true, vision: false, json: true, streaming: true },
  });

  it("skips a model once its real spend would cross its daily limit", async () => {
    sim.setScript("pricey", { then: { promptTokens: 1_000, completionTokens: 1_000 } });
    const router = createRouter({
      models: { pricey: { model: model("pricey"), spec: spec("pricey", 10, 30) }, thrifty: { model: model("thrifty"), spec: spec("thrifty", 0.1, 0.4) } },
      // $0.04 per call on "pricey" (1k·$10 + 1k·$30 per 1M); its limit admits one call, not two.
      routes: { r: { models: ["pricey", "thrifty"], pick: policy.withinBudget({ limits: { pricey: { usd: 0.05, per: "day" } } }) } },
    });
    const first = await router.chat("r", user("one"));
    expect(first.run.model).toBe("pricey");
    expect(first.run.costUsd).toBeCloseTo(0.04, 6);
    await new Promise((r) => setTimeout(r, 20)); // spend is recorded in the background
    const second = await router.chat("r", user("two"));
    expect(second.run.model).toBe("thrifty");
  });
});
