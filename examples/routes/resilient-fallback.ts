/**
 * Route (a): a primary model, retried twice with exponential backoff and jitter that
 * honours Retry-After, then a fallback to a second and a third model.
 *
 *   pnpm tsx examples/routes/resilient-fallback.ts
 *
 * Offline, the simulator rate-limits the primary three times (so its retries run out) and
 * fails the secondary with 503s, so the third model answers.
 */
import { createRouter } from "@switchyard/core";
import { printRun, upstream } from "./upstream.js";

const up = await upstream({
  "primary-sim": { steps: [{ status: 429, retryAfter: 1 }, { status: 429, retryAfter: 0 }, { status: 429 }] },
  "secondary-sim": { then: { status: 503 } },
  "tertiary-sim": { then: { text: "Switchyard retried, fell back twice, and this third model answered." } },
});

const router = createRouter({
  models: {
    primary: up.model("primary-sim", "gpt-4o"),
    secondary: up.model("secondary-sim", "gpt-4.1-mini"),
    tertiary: up.model("tertiary-sim", "gpt-4o-mini"),
  },
  routes: {
    resilient: {
      models: ["primary", "secondary", "tertiary"],
      retry: { maxRetries: 2, initialDelayMs: 200, maxDelayMs: 2_000, jitter: 0.2, honourRetryAfter: true },
      timeout: { attemptMs: 20_000, routeMs: 60_000 },
    },
  },
});

console.log(`Route "resilient" on ${up.label}`);
const res = await router.chat("resilient", { messages: [{ role: "user", content: "Say hello in one sentence." }] });
console.log(`  answer:      ${res.message.content}`);
printRun(res.run);
await up.close();
