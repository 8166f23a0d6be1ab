import type { ChatRequest, LanguageModel, ModelSpec } from "@switchyard/core";
import { policy } from "@switchyard/core";
import { z } from "zod";

/** The request every benchmark sends: short, like most chat traffic. */
export const benchRequest: ChatRequest = { messages: [{ role: "user", content: "Give me a short JSON answer." }], maxTokens: 512 };

/** The JSON answer the full route validates. */
export const benchAnswer = '{"answer":"ok"}';

/**
 * A model spec with the given prices (USD per 1M tokens), for the cost-aware pick.
 * @example
 * benchSpec("fast", 0.15, 0.6).pricing.output; // 0.6
 */
export const benchSpec = (id: string, input: number, output: number): ModelSpec => ({
  id,
  provider: "bench",
  contextWindow: 128_000,
  maxOutputTokens: 16_384,
  pricing: { input, output },
  capabilities: { tools: true, vision: false, json: true, streaming: true },
});

/**
 * The two route shapes every benchmark compares: `one` (one model, nothing else) and
 * `full` (classify → pick with health + cost policies → call → validate against a zod schema).
 * @example
 * const router = createRouter({ models: benchModels(fast, strong), routes: benchRoutes });
 */
export const benchModels = (fast: LanguageModel, strong: LanguageModel) =>
  ({
    fast: { model: fast, spec: benchSpec("fast", 0.15, 0.6) },
    strong: { model: strong, spec: benchSpec("strong", 2.5, 10) },
  }) as const;

const lengthLabel = (request: ChatRequest): "short" | "long" => {
  const last = request.messages[request.messages.length - 1];
  return typeof last?.content === "string" && last.content.length > 2_000 ? "long" : "short";
};

/** See {@link benchModels}. */
export const benchRoutes = {
  one: { models: ["fast"] },
  full: {
    classify: lengthLabel,
    pools: { short: ["fast", "strong"], long: ["strong", "fast"] },
    pick: policy.compose(policy.healthy(), policy.cheapest()),
    validate: { schema: z.object({ answer: z.string() }) },
  },
} as const;

const words = (n: number): string => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

/**
 * The simulator's scripts for benchmarks, by upstream model name: `fast`/`strong` answer
 * {@link benchAnswer} at once; `stream-burst` streams 200 one-word chunks back to back
 * (chunk throughput); `stream-hold` sends its first token at once, then one chunk a second
 * for a minute (streams held open to measure memory per stream).
 * @example
 * const sim = await startSimulator({ scripts: benchSimScripts });
 */
export const benchSimScripts = {
  fast: { text: benchAnswer },
  strong: { text: benchAnswer },
  "stream-burst": { text: words(200) },
  "stream-hold": { chunkDelayMs: 1_000, text: words(60) },
} as const;
