import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import type { ChatRequest } from "../schema/index.js";
import { capable } from "./capable.js";
import { cheapest } from "./cheapest.js";
import { estimatePromptTokens } from "./estimate-tokens.js";
import { hello, pickContext, specOf } from "./__fixtures__/pick-context.js";

const pool = {
  large: specOf("large", { pricing: { input: 2.5, output: 10 } }),
  mini: specOf("mini", { pricing: { input: 0.15, output: 0.6 }, contextWindow: 8_000, capabilities: { vision: false } }),
  nano: specOf("nano", { pricing: { input: 0.1, output: 0.4 }, contextWindow: 4_000, maxOutputTokens: 1_000, capabilities: { tools: false, json: false, streaming: false } }),
  custom: undefined,
};
const order = (req: ChatRequest, p = cheapest()) => Effect.runPromise(p.order(pickContext(pool, { request: req })));
const tool = { name: "get_weather", parameters: { type: "object" } };

describe("cheapest", () => {
  it("orders by expected cost, unknown prices last", async () => {
    expect(await order(hello)).toEqual(["nano", "mini", "large", "custom"]);
  });

  it("orders by input price when the prompt dominates, output price when the answer does", async () => {
    const skewed = {
      readsCheap: specOf("readsCheap", { pricing: { input: 0.1, output: 10 } }),
      writesCheap: specOf("writesCheap", { pricing: { input: 5, output: 0.1 } }),
    };
    const longPrompt: ChatRequest = { messages: [{ role: "user", content: "lorem ipsum dolor ".repeat(2000) }], maxTokens: 10 };
    const longAnswer: ChatRequest = { messages: [{ role: "user", content: "write" }], maxTokens: 4000 };
    expect(await Effect.runPromise(cheapest().order(pickContext(skewed, { request: longPrompt })))).toEqual(["readsCheap", "writesCheap"]);
    expect(await Effect.runPromise(cheapest().order(pickContext(skewed, { request: longAnswer })))).toEqual(["writesCheap", "readsCheap"]);
  });

  it("drops models that lack a capability the request needs", async () => {
    expect(await order({ ...hello, tools: [tool] })).toEqual(["mini", "large", "custom"]);
    expect(await order({ ...hello, tools: [tool], toolChoice: "none" })).toEqual(["nano", "mini", "large", "custom"]);
    expect(await order({ ...hello, responseFormat: { type: "json" } })).toEqual(["mini", "large", "custom"]);
    const image: ChatRequest = { messages: [{ role: "user", content: [{ type: "text", text: "what is this" }, { type: "image", url: "data:image/png;base64,AAAA" }] }] };
    expect(await order(image)).toEqual(["nano", "large", "custom"]);
    expect(await order(hello, cheapest({ capabilities: { streaming: true } }))).toEqual(["mini", "large", "custom"]);
  });

  it("drops models whose context window cannot hold prompt + maxTokens, or whose output cap is too small", async () => {
    const prompt = "The quick brown fox jumps over the lazy dog. ".repeat(500); // ~5000 tokens
    const tokens = await Effect.runPromise(estimatePromptTokens({ messages: [{ role: "user", content: prompt }] }));
    expect(tokens).toBeGreaterThan(4_000);
    expect(tokens).toBeLessThan(6_000);
    expect(await order({ messages: [{ role: "user", content: prompt }] })).toEqual(["mini", "large", "custom"]);
    expect(await order({ messages: [{ role: "user", content: prompt }], maxTokens: 8_000 - tokens + 1 })).toEqual(["large", "custom"]);
    expect(await order({ ...hello, maxTokens: 2_000 })).toEqual(["mini", "large", "custom"]);
  });

  it("capable alone filters without reordering", async () => {
    expect(await order({ ...hello, tools: [tool] }, capable())).toEqual(["large", "mini", "custom"]);
  });
});
