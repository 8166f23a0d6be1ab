import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createRouter, type RouterStreamEvent } from "@switchyard/core";
import { chatLog, simProvider, user } from "./sim-router.js";

const { sim, model } = await simProvider();
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const collect = async (it: AsyncIterable<RouterStreamEvent>) => {
  const events: RouterStreamEvent[] = [];
  let error: unknown;
  try {
    for await (const ev of it) events.push(ev);
  } catch (e) {
    error = e;
  }
  const text = events.flatMap((e) => (e.type === "text-delta" ? [e.delta] : [])).join("");
  return { events, text, error };
};

describe("streaming", () => {
  it("streams text deltas, usage and a closing run event", async () => {
    sim.setScript("s", { then: { text: "one two three four", completionTokens: 4, promptTokens: 7 } });
    const router = createRouter({ models: { s: model("s") }, routes: { chat: { models: ["s"] } } });
    const { events, text, error } = await collect(router.stream("chat", user("hi")));
    expect(error).toBeUndefined();
    expect(text).toBe("one two three four");
    const last = events.at(-1);
    expect(last?.type).toBe("run");
    if (last?.type !== "run") throw new Error("no run event");
    expect(last.run.model).toBe("s");
    expect(last.run.usage).toMatchObject({ inputTokens: 7, outputTokens: 4 });
    expect(last.run.attempts).toHaveLength(1);
    expect(last.run.attempts[0]).toMatchObject({ outcome: "success", usage: { outputTokens: 4 } });
    expect(last.run.attempts[0]?.ttftMs).toBeGreaterThanOrEqual(0);
    expect(events.filter((e) => e.type === "finish")).toHaveLength(1);
  });

  it("falls back to the next model when the stream fails before its first token", async () => {
    sim.setScript("broken", { then: { status: 500 } });
    sim.setScript("cut-early", { then: { cutAfterChunks: 0 } });
    sim.setScript("good", { then: { text: "fallback stream works" } });
    const router = createRouter({
      models: { broken: model("broken"), cutEarly: model("cut-early"), good: model("good") },
      routes: { chat: { models: ["broken", "cutEarly", "good"], retry: false } },
    });
    const { events, text, error } = await collect(router.stream("chat", user("hi")));
    expect(error).toBeUndefined();
    expect(text).toBe("fallback stream works");
    const run = events.at(-1);
    if (run?.type !== "run") throw new Error("no run event");
    expect(run.run.attempts.map((a) => `${a.model}:${a.outcome}`)).toEqual(["broken:error", "cutEarly:error", "good:success"]);
    expect(chatLog(sim).map((e) => e.model)).toEqual(["broken", "cut-early", "good"]);
  });

  it("after the first token, a failure ends the stream with a typed error: no fallback, no doubled token", async () => {
    sim.setScript("cuts", { then: { text: "alpha beta gamma delta epsilon", cutAfterChunks: 3 } });
    sim.setScript("spare", { then: { text: "SHOULD NOT APPEAR" } });
    const router = createRouter({ models: { cuts: model("cuts"), spare: model("spare") }, routes: { chat: { models: ["cuts", "spare"], retry: false } } });
    const { events, text, error } = await collect(router.stream("chat", user("hi")));
    expect(error).toMatchObject({ _tag: "Unavailable" });
    expect(text.length).toBeGreaterThan(0);
    expect("alpha beta gamma delta epsilon".startsWith(text)).toBe(true);
    expect(text).not.toContain("SHOULD");
    expect(events.some((e) => e.type === "run")).toBe(false);
    expect(chatLog(sim).map((e) => e.model)).toEqual(["cuts"]);
  });

  it("leaving the loop early (break) closes the upstream connection", async () => {
    sim.setScript("slowstream", { then: { text: "a b c d e f g h i j k l m n o p", chunkDelayMs: 100 } });
    const router = createRouter({ models: { m: model("slowstream") }, routes: { chat: { models: ["m"] } } });
    const seen: string[] = [];
    for await (const ev of router.stream("chat", user("hi"))) {
      if (ev.type === "text-delta") seen.push(ev.delta);
      if (seen.length === 2) break;
    }
    expect(seen).toHaveLength(2);
    await sim.settled();
    const entry = chatLog(sim)[0];
    expect(entry?.aborted).toBe(true);
    expect(entry?.chunksSent ?? 99).toBeLessThan(10);
  });

  it("aborting a stream mid-way closes the upstream connection", async () => {
    sim.setScript("slowstream", { then: { text: "a b c d e f g h i j k l m n o p", chunkDelayMs: 100 } });
    const router = createRouter({ models: { m: model("slowstream") }, routes: { chat: { models: ["m"] } } });
    const ac = new AbortController();
    const seen: string[] = [];
    const err = await (async () => {
      for await (const ev of router.stream("chat", user("hi"), { signal: ac.signal })) {
        if (ev.type === "text-delta") {
          seen.push(ev.delta);
          if (seen.length === 2) ac.abort();
        }
      }
    })().catch((e: unknown) => e);
    expect(err).toMatchObject({ _tag: "Cancelled" });
    await sim.settled();
    const entry = chatLog(sim)[0];
    expect(entry?.aborted).toBe(true);
    expect(entry?.chunksSent ?? 99).toBeLessThan(10);
  });
});

describe("stream idle timeout", () => {
  it("ends a stream that stalls after its first token with a Timeout, and closes the upstream", async () => {
    sim.setScript("stalls", { then: { text: "a b c d e f", hangAfterChunks: 2 } });
    const router = createRouter({ models: { m: model("stalls") }, routes: { chat: { models: ["m"], timeout: { idleMs: 200 } } } });
    const started = Date.now();
    const { text, error } = await collect(router.stream("chat", user("hi")));
    expect(error).toMatchObject({ _tag: "Timeout" });
    expect(text.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(2_000);
    await sim.settled();
    expect(chatLog(sim)[0]?.aborted).toBe(true);
  });

  it("restarts the idle timer at every chunk: a stream longer than idleMs whose gaps are shorter runs to its end", async () => {
    // Nine chunks 80 ms apart (role, six words, finish, usage: ≈720 ms in all) under a 300 ms
    // idle timeout. (The adapter holds finish and usage until [DONE], so the last event gap
    // spans three upstream chunks: 240 ms.)
    sim.setScript("steady", { then: { text: "a b c d e f", chunkDelayMs: 80 } });
    const router = createRouter({ models: { m: model("steady") }, routes: { chat: { models: ["m"], timeout: { idleMs: 300 } } } });
    const started = Date.now();
    const { events, text, error } = await collect(router.stream("chat", user("hi")));
    expect(error).toBeUndefined();
    expect(text.replaceAll(" ", "")).toBe("abcdef");
    expect(Date.now() - started).toBeGreaterThan(500);
    expect(events.at(-1)).toMatchObject({ type: "run" });
  });
});
