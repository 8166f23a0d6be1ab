import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createRouter, NoRouteAvailable } from "@switchyard/core";
import { chatLog, simProvider, user } from "./sim-router.js";

const { sim, model } = await simProvider();
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const fast = { initialDelayMs: 5, maxDelayMs: 20, jitter: 0 } as const;

describe("retry and fallback over real HTTP", () => {
  it("retries a 429 after the upstream's Retry-After, measured between the two upstream requests", async () => {
    sim.setScript("primary", { steps: [{ status: 429, retryAfter: 1 }], then: { text: "hello after waiting" } });
    const router = createRouter({ models: { primary: model("primary") }, routes: { main: { models: ["primary"], retry: { maxRetries: 2, ...fast } } } });
    const res = await router.chat("main", user("hi"));
    expect(res.message.content).toBe("hello after waiting");
    const log = chatLog(sim);
    expect(log).toHaveLength(2);
    const gap = (log[1]?.time ?? 0) - (log[0]?.time ?? 0);
    expect(gap).toBeGreaterThanOrEqual(990);
    expect(gap).toBeLessThan(1_600);
    expect(res.run.attempts.map((a) => [a.kind, a.outcome, a.errorTag])).toEqual([
      ["call", "error", "RateLimited"],
      ["retry", "success", undefined],
    ]);
    expect(res.run.attempts[1]?.waitedMs).toBeGreaterThanOrEqual(1_000);
  });

  it("retries twice with exponential backoff, then falls back to the second and third model in order", async () => {
    sim.setScript("first", { then: { status: 500 } });
    sim.setScript("second", { then: { status: 503 } });
    sim.setScript("third", { then: { text: "third answers" } });
    const router = createRouter({
      models: { first: model("first"), second: model("second"), third: model("third") },
      routes: { main: { models: ["first", "second", "third"], retry: { maxRetries: 2, initialDelayMs: 40, factor: 2, jitter: 0 } } },
    });
    const res = await router.chat("main", user("hi"));
    expect(res.message.content).toBe("third answers");
    expect(res.run.model).toBe("third");
    expect(chatLog(sim).map((e) => e.model)).toEqual(["first", "first", "first", "second", "second", "second", "third"]);
    expect(res.run.attempts.map((a) => `${a.model}:${a.kind}:${a.errorTag ?? "ok"}`)).toEqual([
      "first:call:Unavailable",
      "first:retry:Unavailable",
      "first:retry:Unavailable",
      "second:fallback:Overloaded",
      "second:retry:Overloaded",
      "second:retry:Overloaded",
      "third:fallback:ok",
    ]);
    // Exponential: 40 ms then 80 ms between the retries of the first model.
    const t = chatLog(sim).map((e) => e.time);
    expect((t[1] ?? 0) - (t[0] ?? 0)).toBeGreaterThanOrEqual(38);
    expect((t[2] ?? 0) - (t[1] ?? 0)).toBeGreaterThanOrEqual(78);
    expect(res.run.path).toEqual(["pick", "call", "fallback", "call", "fallback", "call", "done"]);
  });

  it("does not retry or fall back on a bad request: the client's mistake comes back as BadRequest", async () => {
    sim.setScript("strict", { then: { status: 400 } });
    sim.setScript("other", { then: { text: "never" } });
    const router = createRouter({ models: { strict: model("strict"), other: model("other") }, routes: { main: { models: ["strict", "other"], retry: fast } } });
    await expect(router.chat("main", user("hi"))).rejects.toMatchObject({ _tag: "BadRequest" });
    expect(chatLog(sim).map((e) => e.model)).toEqual(["strict"]);
  });

  it("fails with NoRouteAvailable carrying the last cause when every model fails", async () => {
    sim.setScript("a", { then: { status: 429, retryAfter: 0 } });
    const router = createRouter({ models: { a: model("a") }, routes: { main: { models: ["a"], retry: { maxRetries: 1, ...fast } } } });
    const err = await router.chat("main", user("hi")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoRouteAvailable);
    expect(err).toMatchObject({ lastError: "RateLimited", lastStatus: 429 });
  });

  it("times out a hanging attempt and falls back; the hung upstream request is closed", async () => {
    sim.setScript("hangs", { then: { hang: true } });
    sim.setScript("works", { then: { text: "ok" } });
    const router = createRouter({
      models: { hangs: model("hangs"), works: model("works") },
      routes: { main: { models: ["hangs", "works"], retry: false, timeout: { attemptMs: 150 } } },
    });
    const started = Date.now();
    const res = await router.chat("main", user("hi"));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(res.run.attempts.map((a) => a.errorTag ?? "ok")).toEqual(["Timeout", "ok"]);
    await sim.settled();
    expect(chatLog(sim)[0]).toMatchObject({ model: "hangs", aborted: true });
  });

  it("never retries past the route deadline: a long Retry-After is not waited for", async () => {
    sim.setScript("limited", { then: { status: 429, retryAfter: 3 } });
    sim.setScript("spare", { then: { text: "spare" } });
    const router = createRouter({
      models: { limited: model("limited"), spare: model("spare") },
      routes: { main: { models: ["limited", "spare"], retry: { maxRetries: 5, ...fast }, timeout: { routeMs: 1_000 } } },
    });
    const started = Date.now();
    const res = await router.chat("main", user("hi"));
    expect(Date.now() - started).toBeLessThan(900);
    expect(res.run.model).toBe("spare");
    expect(chatLog(sim).map((e) => e.model)).toEqual(["limited", "spare"]);
  });

  it("cancels: aborting the call rejects with Cancelled and closes the upstream connection", async () => {
    sim.setScript("slow", { then: { latencyMs: 5_000, text: "too late" } });
    const router = createRouter({ models: { slow: model("slow") }, routes: { main: { models: ["slow"] } } });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const started = Date.now();
    await expect(router.chat("main", user("hi"), { signal: ac.signal })).rejects.toMatchObject({ _tag: "Cancelled" });
    expect(Date.now() - started).toBeLessThan(1_000);
    await sim.settled();
    expect(chatLog(sim)).toHaveLength(1);
    expect(chatLog(sim)[0]).toMatchObject({ aborted: true });
  });
});
