/**
 * The example gateway: `switchyard serve --config examples/gateway/switchyard.config.ts`.
 *
 * With OPENAI_API_KEY set, the models are real OpenAI models. Without it, they run on the
 * bundled upstream SIMULATOR (a stand-in that speaks OpenAI's wire format; it is not a
 * model), reached at SWITCHYARD_SIMULATOR_URL (start one with
 * `tsx packages/providers/src/testing/simulator/main.ts --port 4010`).
 *
 * HTTPS: add `--tls-cert cert.pem --tls-key key.pem` (or `server: { tls: { cert, key } }`).
 * The admin API (`admin: { key: "env:SWITCHYARD_ADMIN_KEY" }`) answers loopback clients only
 * unless `admin.allowRemote: true`.
 */
import { defineRoute, policy, type ModelEntry } from "@switchyard/core";
import { defineConfig } from "@switchyard/gateway";
import { createOpenAICompatible, modelSpec, openai } from "@switchyard/providers";
import { z } from "zod";

const real = process.env["OPENAI_API_KEY"] !== undefined && process.env["OPENAI_API_KEY"] !== "";
const simulatorURL = process.env["SWITCHYARD_SIMULATOR_URL"] ?? "http://127.0.0.1:4010";
const upstream = real ? openai() : createOpenAICompatible({ name: "simulator", baseURL: `${simulatorURL.replace(/\/+$/, "")}/v1` });

/** A model on the chosen upstream, priced from the catalogue (prices are OpenAI's list prices). */
const model = (id: "gpt-4o-mini" | "gpt-4o" | "gpt-4.1-mini"): ModelEntry => {
  const spec = modelSpec(`openai/${id}`);
  return { model: upstream(id), spec: real ? spec : { ...spec, provider: "simulator" } };
};

const Sentiment = z.object({ sentiment: z.enum(["positive", "neutral", "negative"]), confidence: z.number().min(0).max(1) });

const looksLikeCode = (text: string): boolean => /```|\bfunction\b|\bclass\b|=>|\bdef\b/.test(text);

const models = {
  mini: model("gpt-4o-mini"),
  "mini-4.1": model("gpt-4.1-mini"),
  large: model("gpt-4o"),
};

// Cheap first; an answer that is not valid, confident sentiment JSON is repaired once, then escalates.
const sentiment = defineRoute(models, {
  description: "validated cascade: gpt-4o-mini, escalating to gpt-4o",
  models: ["mini", "large"],
  validate: { schema: Sentiment, repair: 1, check: (_res, v) => v.confidence >= 0.5 || { ok: false, reason: "confidence below 0.5" } },
});

export default defineConfig({
  models,
  routes: {
    // Primary, retried with backoff on transient errors, then fallbacks in order.
    resilient: {
      description: "gpt-4o-mini, retried, then gpt-4.1-mini, then gpt-4o",
      models: ["mini", "mini-4.1", "large"],
      pick: policy.healthy(),
      retry: { maxRetries: 2, initialDelayMs: 200, maxDelayMs: 2_000 },
      // A stream that goes silent for 15 s after its first token ends with an error event.
      timeout: { attemptMs: 20_000, routeMs: 60_000, idleMs: 15_000 },
    },
    // Code questions go to the larger model; everything else to the cheap one.
    classified: {
      description: "code → gpt-4o, chat → gpt-4o-mini",
      classify: { name: "looks-like-code", classify: (req) => (looksLikeCode(JSON.stringify(req.messages)) ? "code" : "chat") },
      pools: { code: ["large", "mini"], chat: ["mini", "large"] },
    },
    sentiment,
  },
  aliases: { "gpt-4o-mini": "mini", "gpt-4o": "large", default: "resilient" },
  cache: { ttlSeconds: 300, routes: { classified: false } },
});
