import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createRouter, defineRoute } from "@switchyard/core";
import { chatLog, simProvider, user } from "./sim-router.js";

const { sim, model } = await simProvider();
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const Answer = z.object({ city: z.string(), population: z.number().int() });

describe("validation-driven escalation", () => {
  const models = { cheap: model("cheap"), strong: model("strong") };
  const route = defineRoute(models, {
    models: ["cheap", "strong"],
    retry: false,
    validate: { schema: Answer },
  });

  it("escalates from the cheap model to the strong one when the answer fails the schema", async () => {
    sim.setScript("cheap", { then: { json: { city: "Oslo" } } });
    sim.setScript("strong", { then: { json: { city: "Oslo", population: 709_000 } } });
    const router = createRouter({ models, routes: { extract: route } });
    const res = await router.chat("extract", user("Oslo facts as JSON"));
    expect(res.run.model).toBe("strong");
    expect(res.value).toEqual({ city: "Oslo", population: 709_000 });
    expect(res.run.attempts.map((a) => `${a.model}:${a.outcome}`)).toEqual(["cheap:invalid", "strong:success"]);
    expect(res.run.attempts[0]?.errorMessage).toContain("population");
    expect(res.run.path).toEqual(["pick", "call", "validate", "fallback", "call", "validate", "done"]);
  });

  it("keeps the cheap answer when it validates", async () => {
    sim.setScript("cheap", { then: { json: { city: "Bergen", population: 291_000 } } });
    const router = createRouter({ models, routes: { extract: route } });
    const res = await router.chat("extract", user("Bergen"));
    expect(res.run.model).toBe("cheap");
    expect(chatLog(sim).map((e) => e.model)).toEqual(["cheap"]);
  });

  it("repairs once (re-asks with the validation error) before escalating", async () => {
    sim.setScript("cheap", { steps: [{ text: "Oslo has about 700k people" }, { json: { city: "Oslo", population: 700_000 } }] });
    const router = createRouter({
      models,
      routes: { extract: defineRoute(models, { models: ["cheap", "strong"], retry: false, validate: { schema: Answer, repair: 1 } }) },
    });
    const res = await router.chat("extract", user("Oslo"));
    expect(res.run.model).toBe("cheap");
    expect(res.run.attempts.map((a) => `${a.kind}:${a.outcome}`)).toEqual(["call:invalid", "repair:success"]);
    const repairBody = chatLog(sim)[1]?.body as { messages: Array<{ role: string; content: string }> };
    expect(repairBody.messages.at(-1)?.content).toContain("not valid JSON");
  });

  it("applies a user check (confidence) on top of the schema", async () => {
    sim.setScript("cheap", { then: { json: { city: "?", population: 0 } } });
    sim.setScript("strong", { then: { json: { city: "Oslo", population: 709_000 } } });
    const router = createRouter({
      models,
      routes: {
        extract: defineRoute(models, {
          models: ["cheap", "strong"],
          retry: false,
          validate: { schema: Answer, check: (_res, v) => (v.population > 0 ? true : { ok: false, reason: "low confidence" }) },
        }),
      },
    });
    const res = await router.chat("extract", user("Oslo"));
    expect(res.run.model).toBe("strong");
    expect(res.run.attempts[0]?.errorMessage).toContain("low confidence");
  });
});

describe("classification routing", () => {
  const models = { coder: model("coder"), chatty: model("chatty"), strong: model("strong") };
  const support = defineRoute(models, {
    classify: (req) => (JSON.stringify(req.messages).includes("function") ? "code" : "chat"),
    pools: { code: ["coder", "strong"], chat: ["chatty", "strong"] },
  });

  it("sends each class to its own pool", async () => {
    const router = createRouter({ models, routes: { support } });
    const code = await router.chat("support", user("write a function that adds"));
    const chat = await router.chat("support", user("how are you?"));
    expect([code.run.label, code.run.model]).toEqual(["code", "coder"]);
    expect([chat.run.label, chat.run.model]).toEqual(["chat", "chatty"]);
    expect(code.run.path[0]).toBe("classify");
    expect(chatLog(sim).map((e) => e.model)).toEqual(["coder", "chatty"]);
  });

  it("falls back within the class's pool", async () => {
    sim.setScript("coder", { then: { status: 503 } });
    const router = createRouter({ models, routes: { support: { ...support, retry: false } } });
    const res = await router.chat("support", user("a function please"));
    expect(res.run.model).toBe("strong");
  });

  it("a classifier that returns an unknown class fails clearly", async () => {
    const router = createRouter({
      models,
      routes: { bad: { classify: () => "nope", pools: { chat: ["chatty"] } } },
    });
    await expect(router.chat("bad", user("x"))).rejects.toMatchObject({ _tag: "NoRouteAvailable", message: expect.stringContaining("nope") });
  });
});

describe("start-up checks", () => {
  it("rejects a route naming an unknown model with a ConfigError naming the field", () => {
    const routes = JSON.parse('{"main":{"models":["cheap","gtp-4o"]}}') as Record<string, { models: ["cheap"] }>;
    expect(() => createRouter({ models: { cheap: model("cheap") }, routes })).toThrowError(/routes.*main|unknown model "gtp-4o"/);
    try {
      createRouter({ models: { cheap: model("cheap") }, routes });
    } catch (e) {
      expect(e).toMatchObject({ _tag: "ConfigError", path: ["routes", "main", "models", 1] });
    }
  });

  it("rejects an unknown route at call time with a typed error", async () => {
    const router = createRouter({ models: { cheap: model("cheap") }, routes: { main: { models: ["cheap"] } } });
    await expect(router.chat("other" as "main", user("x"))).rejects.toMatchObject({ _tag: "ConfigError" });
  });
});
