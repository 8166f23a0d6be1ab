import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { createRouter } from "../runtime/create-router.js";
import { makeMemoryRouterState } from "../state/index.js";
import { trainRouter } from "../learned-router/train-router.js";
import { learnedClassifier } from "../learned-router/learned-classifier.js";
import { policy } from "./index.js";
import { recordSpend } from "./spend.js";
import { downModel, echoModel, hello, specOf } from "./__fixtures__/pick-context.js";

// The engine, the policies and the state together: which model answers, and what was tried.
const models = {
  large: { model: echoModel("large"), spec: specOf("large", { pricing: { input: 2.5, output: 10 } }) },
  mini: { model: echoModel("mini"), spec: specOf("mini", { pricing: { input: 0.15, output: 0.6 }, capabilities: { tools: false } }) },
  down: { model: downModel("down"), spec: specOf("down", { pricing: { input: 0.01, output: 0.01 } }) },
};

describe("pick policies inside createRouter", () => {
  it("cheapest sends a plain request to the cheapest model and a tool request to one with tools", async () => {
    const router = createRouter({ models, routes: { main: { models: ["large", "mini"], pick: policy.cheapest(), retry: false } } });
    expect((await router.chat("main", hello)).run.model).toBe("mini");
    const withTools = await router.chat("main", { ...hello, tools: [{ name: "f", parameters: { type: "object" } }] });
    expect(withTools.run.model).toBe("large");
    expect(withTools.run.attempts.map((a) => a.model)).toEqual(["large"]);
  });

  it("healthy stops trying a model once its circuit opens", async () => {
    const state = makeMemoryRouterState({ failureThreshold: 2, windowMs: 60_000, cooldownMs: 60_000 });
    const router = createRouter({ models, state, routes: { main: { models: ["down", "mini"], pick: policy.healthy(), retry: false } } });
    for (let i = 0; i < 2; i++) {
      const r = await router.chat("main", hello);
      expect(r.run.attempts.map((a) => [a.model, a.outcome])).toEqual([["down", "error"], ["mini", "success"]]);
    }
    const after = await router.chat("main", hello);
    expect(after.run.attempts.map((a) => a.model)).toEqual(["mini"]);
  });

  it("withinBudget skips a model once the spend the caller records reaches its limit", async () => {
    const state = makeMemoryRouterState();
    const router = createRouter({
      models,
      state,
      routes: { main: { models: ["large", "mini"], pick: policy.withinBudget({ limits: { large: { usd: 0.013, per: "day" } } }), retry: false } },
    });
    const first = await router.chat("main", { ...hello, maxTokens: 100 });
    expect(first.run.model).toBe("large");
    // 1000 + 1000 tokens at $2.5 / $10 per 1M: the engine prices the call at $0.0125.
    expect(first.run.costUsd).toBeCloseTo(0.0125, 6);
    await Effect.runPromise(recordSpend(state, "large", first.run.costUsd ?? 0));
    // Spent 0.0125 + ~0.001 estimated for the next call > 0.013.
    expect((await router.chat("main", { ...hello, maxTokens: 100 })).run.model).toBe("mini");
  });

  it("weighted keeps a user on one arm across calls", async () => {
    const router = createRouter({
      models,
      routes: { ab: { models: ["large", "mini"], pick: policy.weighted({ weights: { large: 1, mini: 1 }, stickyBy: "user" }), retry: false } },
    });
    const arms = new Set<string>();
    for (let i = 0; i < 10; i++) arms.add((await router.chat("ab", { ...hello, user: "alice" })).run.model);
    expect(arms.size).toBe(1);
    const users = await Promise.all(Array.from({ length: 40 }, (_, i) => router.chat("ab", { ...hello, user: `user-${i}` })));
    expect(new Set(users.map((r) => r.run.model))).toEqual(new Set(["large", "mini"]));
  });

  it("a learned classifier picks the pool", async () => {
    const rows = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0
        ? { prompt: `Prove theorem ${i} about prime numbers rigorously.`, scores: { mini: 0, large: 1 } }
        : { prompt: `Say thanks to guest ${i}.`, scores: { mini: 1, large: 1 } },
    );
    const classify = learnedClassifier(trainRouter({ rows, weak: "mini", strong: "large", epochs: 3 }), { threshold: 0.5 });
    const router = createRouter({ models, routes: { smart: { classify, pools: { weak: ["mini"], strong: ["large"] }, retry: false } } });
    const hard = await router.chat("smart", { messages: [{ role: "user", content: "Prove theorem 999 about prime numbers rigorously." }] });
    const easy = await router.chat("smart", { messages: [{ role: "user", content: "Say thanks to guest 999." }] });
    expect([hard.run.label, hard.run.model]).toEqual(["strong", "large"]);
    expect([easy.run.label, easy.run.model]).toEqual(["weak", "mini"]);
  });
});
