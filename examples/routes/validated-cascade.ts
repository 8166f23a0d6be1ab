/**
 * Route (c): call a cheap model, validate its JSON answer with a zod schema, and escalate
 * to a strong model when validation fails.
 *
 *   pnpm tsx examples/routes/validated-cascade.ts
 *
 * Offline, the simulator's cheap model leaves out a required field, so the strong one answers.
 */
import { createRouter, defineRoute } from "@switchyard/core";
import { z } from "zod";
import { printRun, upstream } from "./upstream.js";

const up = await upstream({
  "cheap-sim": { then: { json: { city: "Oslo", country: "Norway" } } },
  "strong-sim": { then: { json: { city: "Oslo", country: "Norway", population: 709_037 } } },
});

const models = { cheap: up.model("cheap-sim", "gpt-4o-mini"), strong: up.model("strong-sim", "gpt-4o") };
const CityFacts = z.object({ city: z.string(), country: z.string(), population: z.number().int().positive() });

const facts = defineRoute(models, {
  models: ["cheap", "strong"],
  validate: { schema: CityFacts },
  retry: { maxRetries: 1 },
});

const router = createRouter({ models, routes: { facts } });
console.log(`Route "facts" on ${up.label}`);
const res = await router.chat("facts", {
  messages: [{ role: "user", content: 'Give facts about Oslo as JSON: {"city","country","population"}.' }],
  responseFormat: { type: "json" },
});
// `res.value` is typed as the schema's output.
console.log(`  value:       ${JSON.stringify(res.value)}`);
printRun(res.run);
await up.close();
