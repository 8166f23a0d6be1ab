import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors/index.js";
import type { ClassifiedRoute } from "../graph/route-spec.js";
import { calibrateThreshold } from "./calibrate-threshold.js";
import { learnedClassifier } from "./learned-classifier.js";
import { compileRouterModel, loadRouterModel } from "./router-model.js";
import { parseRoutingJsonl, scoreOf, type RoutingRow } from "./routing-data.js";
import { operatingPoint, summarizeRouting } from "./routing-metrics.js";
import { splitByIdHash } from "./split-by-id-hash.js";
import { trainRouter } from "./train-router.js";

const WEAK = "mixtral-8x7b-instruct";
const STRONG = "gpt-4-1106-preview";
// The shared RouteLLM data sits beside the repo (<repo>/../shared), in CI too.
const DATA = fileURLToPath(new URL("../../../../../shared/data/routing/routellm-eval.jsonl", import.meta.url));

// A synthetic task: arithmetic-proof prompts need the strong model, chit-chat does not.
const synthetic: RoutingRow[] = Array.from({ length: 400 }, (_, i) =>
  i % 2 === 0
    ? { id: `h${i}`, prompt: `Prove that the sum of the first ${i} odd integers equals ${i} squared, step by step.`, scores: { weak: 0, strong: 1 } }
    : { id: `e${i}`, prompt: `Say hello to my friend number ${i} in a cheerful way.`, scores: { weak: 1, strong: 1 } },
);

describe("learned router", () => {
  it("learns a separable task, survives a JSON round trip, and plugs into a ClassifiedRoute", () => {
    const model = trainRouter({ rows: synthetic, weak: "weak", strong: "strong", epochs: 3 });
    const reloaded = loadRouterModel(JSON.parse(JSON.stringify(model)));
    const hard = "Prove that the sum of the first 1000 odd integers equals 1000 squared, step by step.";
    const easy = "Say hello to my friend number 1001 in a cheerful way.";
    expect(compileRouterModel(reloaded).score(hard)).toBeCloseTo(compileRouterModel(model).score(hard), 10);
    expect(compileRouterModel(reloaded).score(hard)).toBeGreaterThan(0.8);
    expect(compileRouterModel(reloaded).score(easy)).toBeLessThan(0.2);

    const classify = learnedClassifier(reloaded, { threshold: 0.5 });
    const route: ClassifiedRoute<"cheap" | "gpt4", "weak" | "strong"> = { classify, pools: { weak: ["cheap", "gpt4"], strong: ["gpt4"] } };
    expect(route.classify).toBe(classify);
    const ask = (content: string) => ({ messages: [{ role: "system" as const, content: "You are helpful." }, { role: "user" as const, content }] });
    expect(classify.classify(ask(hard))).toBe("strong");
    expect(classify.classify(ask(easy))).toBe("weak");
  });

  it("rejects malformed model files and bad training input with ConfigError", () => {
    expect(() => loadRouterModel({ format: "something-else" })).toThrow(ConfigError);
    const model = trainRouter({ rows: synthetic.slice(0, 20), weak: "weak", strong: "strong", epochs: 1 });
    expect(() => loadRouterModel({ ...model, indices: "AAAA" })).toThrow(/differ in length/);
    expect(() => trainRouter({ rows: [], weak: "a", strong: "b" })).toThrow(ConfigError);
    expect(() => trainRouter({ rows: synthetic, weak: "weak", strong: "weak" })).toThrow(ConfigError);
    expect(() => trainRouter({ rows: synthetic, weak: "weak", strong: "gpt-9" })).toThrow(/no score for model "gpt-9"/);
    expect(() => parseRoutingJsonl('{"prompt":"x","scores":{"a":1}}\n{"prompt":1}')).toThrow(/line 2/);
  });

  it("calibrates a threshold to a target share of strong calls", () => {
    const model = trainRouter({ rows: synthetic, weak: "weak", strong: "strong", epochs: 2 });
    const { score } = compileRouterModel(model);
    for (const target of [0, 0.25, 0.5, 1]) {
      const t = calibrateThreshold(model, synthetic, target);
      const share = synthetic.filter((r) => score(r.prompt) >= t).length / synthetic.length;
      // Prompts with tied scores cannot be split by a threshold, so the share lands near, not on, the target.
      expect(Math.abs(share - target)).toBeLessThan(0.05);
    }
    expect(() => calibrateThreshold(model, synthetic, 1.5)).toThrow(ConfigError);
  });

  it("beats a random router at the same strong share on held-out RouteLLM prompts, in well under 1 ms a prompt", () => {
    expect(existsSync(DATA), `routing data missing at ${DATA} (shared/ must sit beside the repo)`).toBe(true);
    const rows = parseRoutingJsonl(readFileSync(DATA, "utf8"));
    // A slice: ~20% of the rows to train on, a disjoint ~10% to evaluate on (a random router scores APGR ≈ 0.5).
    const { heldOut: slice } = splitByIdHash(rows, 0.3, "test-slice");
    const { train, heldOut } = splitByIdHash(slice, 1 / 3, "test-split");
    const model = trainRouter({ rows: train, weak: WEAK, strong: STRONG });
    const { score } = compileRouterModel(model);
    const outcomes = heldOut.map((r) => ({ score: score(r.prompt), weak: scoreOf(r, WEAK), strong: scoreOf(r, STRONG) }));

    const point = operatingPoint(outcomes, calibrateThreshold(model, train, 0.3), { weak: 0.24, strong: 24.7 });
    expect(point.strongShare).toBeGreaterThan(0.2);
    expect(point.strongShare).toBeLessThan(0.4);
    expect(point.quality - point.randomQuality).toBeGreaterThan(0.01);
    expect(summarizeRouting(outcomes).apgr).toBeGreaterThan(0.56);

    const classifier = learnedClassifier(model, { threshold: 0.3 });
    const requests = heldOut.slice(0, 400).map((r) => ({ messages: [{ role: "user" as const, content: r.prompt }] }));
    for (const req of requests.slice(0, 50)) classifier.classify(req);
    const micros = requests
      .map((req) => {
        const t = performance.now();
        classifier.classify(req);
        return (performance.now() - t) * 1000;
      })
      .sort((a, b) => a - b);
    expect(micros[Math.floor(micros.length / 2)]).toBeLessThan(1000);
  });
});
