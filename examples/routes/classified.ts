/**
 * Route (b): classify the prompt (a plain function here; see the learned router for a
 * trained one) and send each class to its own model pool.
 *
 *   pnpm tsx examples/routes/classified.ts
 */
import { createRouter, defineRoute, type ChatRequest } from "@switchyard/core";
import { printRun, upstream } from "./upstream.js";

const up = await upstream({
  "coder-sim": { then: { text: "function add(a, b) { return a + b; }" } },
  "chat-sim": { then: { text: "Doing well, thanks for asking!" } },
  "strong-sim": { then: { text: "A careful, thorough answer." } },
});

const models = {
  coder: up.model("coder-sim", "gpt-4.1"),
  chatty: up.model("chat-sim", "gpt-4o-mini"),
  strong: up.model("strong-sim", "gpt-4o"),
};

/** Code-looking prompts go to the coder pool; everything else is small talk. */
const byTopic = (req: ChatRequest) => {
  const text = JSON.stringify(req.messages).toLowerCase();
  return /\b(function|code|typescript|python|bug|compile)\b/.test(text) ? "code" : "chat";
};

// defineRoute checks at compile time that every class has a pool of known models.
const support = defineRoute(models, {
  description: "Code questions to the coder, small talk to the cheap model; the strong model backs both.",
  classify: byTopic,
  pools: { code: ["coder", "strong"], chat: ["chatty", "strong"] },
});

const router = createRouter({ models, routes: { support } });
console.log(`Route "support" on ${up.label}`);
for (const prompt of ["Write a TypeScript function that adds two numbers.", "How are you today?"]) {
  const res = await router.chat("support", { messages: [{ role: "user", content: prompt }] });
  console.log(`\n  prompt:      ${prompt}\n  class:       ${res.run.label}\n  answer:      ${res.message.content}`);
  printRun(res.run);
}
await up.close();
