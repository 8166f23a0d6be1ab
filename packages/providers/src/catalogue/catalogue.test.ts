import { ModelSpec } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { catalogue, catalogueDate } from "./catalogue-entries.js";
import { costOf } from "./cost-of.js";
import { modelSpec, withCatalogueOverrides } from "./model-spec-lookup.js";

describe("catalogue", () => {
  it("is dated and every entry is a valid ModelSpec whose key names its provider and id", () => {
    expect(catalogueDate).toMatch(/^2026-11-\d\d$/);
    for (const [key, spec] of Object.entries(catalogue)) {
      expect(ModelSpec.parse(spec)).toEqual(spec);
      expect(key.startsWith(`${spec.provider}/`)).toBe(true);
      expect(spec.maxOutputTokens).toBeLessThanOrEqual(spec.contextWindow);
    }
  });

  it("looks up by provider/model id", () => {
    expect(modelSpec("openai/gpt-4o-mini")).toMatchObject({ id: "gpt-4o-mini", provider: "openai", pricing: { input: 0.15, output: 0.6 } });
  });

  it("overrides patch known entries field by field and add new ones", () => {
    const specs = withCatalogueOverrides({
      "openai/gpt-4o": { pricing: { input: 2 } },
      "vllm/my-llama": {
        id: "my-llama",
        provider: "vllm",
        contextWindow: 8192,
        maxOutputTokens: 2048,
        pricing: { input: 0, output: 0 },
        capabilities: { tools: false, vision: false, json: true, streaming: true },
      },
    });
    expect(specs["openai/gpt-4o"].pricing).toEqual({ input: 2, output: 10, cachedInput: 1.25 });
    expect(specs["vllm/my-llama"].contextWindow).toBe(8192);
    expect(specs["openai/gpt-4o-mini"]).toBe(catalogue["openai/gpt-4o-mini"]);
    // the shared table is not mutated
    expect(catalogue["openai/gpt-4o"].pricing.input).toBe(2.5);
  });
});

describe("costOf", () => {
  const pricing = { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 };

  it("prices plain input and output per million", () => {
    expect(costOf({ pricing }, { inputTokens: 1_000_000, outputTokens: 1_000_000, totalTokens: 2_000_000 })).toBeCloseTo(18, 10);
  });

  it("counts cache reads and writes once, out of inputTokens", () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 0, totalTokens: 1_000_000, cachedInputTokens: 600_000, cacheWriteInputTokens: 100_000 };
    // 300k fresh * 3 + 600k * 0.3 + 100k * 3.75
    expect(costOf({ pricing }, usage)).toBeCloseTo(0.9 + 0.18 + 0.375, 10);
  });

  it("prices reasoning tokens once, as output", () => {
    const withReasoning = costOf({ pricing }, { inputTokens: 0, outputTokens: 1000, totalTokens: 1000, reasoningTokens: 800 });
    expect(withReasoning).toBeCloseTo(0.015, 10);
  });

  it("falls back to the input price for cache classes without their own price", () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 0, totalTokens: 1_000_000, cachedInputTokens: 500_000 };
    expect(costOf({ pricing: { input: 1, output: 2 } }, usage)).toBeCloseTo(1, 10);
  });
});
