import { Effect, Stream } from "effect";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import type { LanguageModel } from "../provider/index.js";
import { createRouter } from "../runtime/create-router.js";
import { defineRoute } from "./define-route.js";

const fake = (modelId: string): LanguageModel => ({
  specificationVersion: "switchyard.v1",
  provider: "fake",
  modelId,
  generate: () => Effect.die("type test only"),
  stream: () => Stream.die("type test only"),
});
const models = { cheap: fake("cheap"), strong: fake("strong") };

describe("route typing", () => {
  it("a model name not in the pool is a compile error", () => {
    createRouter({ models, routes: { ok: { models: ["cheap", "strong"] } } });
    // @ts-expect-error "gtp-4o" is not in the pool
    createRouter({ models, routes: { bad: { models: ["cheap", "gtp-4o"] } } });
    // @ts-expect-error "stronk" is not in the pool
    defineRoute(models, { models: ["stronk"] });
    // @ts-expect-error a fallback list must not be empty
    defineRoute(models, { models: [] });
  });

  it("every class the classifier returns needs a pool, and pools name pool models", () => {
    defineRoute(models, { classify: (r) => (r.messages.length > 1 ? "long" : "short"), pools: { long: ["strong"], short: ["cheap"] } });
    // @ts-expect-error class "short" has no pool
    defineRoute(models, { classify: (r) => (r.messages.length > 1 ? "long" : "short"), pools: { long: ["strong"] } });
    // @ts-expect-error "tiny" is not in the pool
    defineRoute(models, { classify: () => "a" as const, pools: { a: ["tiny"] } });
  });

  it("a validator's check must take the schema's type, and the router returns it as `value`", () => {
    const schema = z.object({ n: z.number() });
    defineRoute(models, { models: ["cheap"], validate: { schema, check: (_r, v) => v.n > 0 } });
    // @ts-expect-error v is { n: number }, not a string
    defineRoute(models, { models: ["cheap"], validate: { schema, check: (_r, v: string) => v.length > 0 } });
    const router = createRouter({ models, routes: { numbers: defineRoute(models, { models: ["cheap"], validate: { schema } }) } });
    expectTypeOf(router.chat("numbers", { messages: [{ role: "user", content: "1" }] })).resolves.toHaveProperty("value").toEqualTypeOf<{ n: number } | undefined>();
    // @ts-expect-error unknown route name
    void router.chat("nope", { messages: [{ role: "user", content: "1" }] });
  });
});
