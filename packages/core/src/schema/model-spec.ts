import { z } from "zod";

/**
 * What a model can do; capability filters read it.
 * @example
 * const caps: Capabilities = { tools: true, vision: false, json: true, streaming: true };
 */
export const Capabilities = z.object({
  tools: z.boolean(),
  vision: z.boolean(),
  json: z.boolean(),
  streaming: z.boolean(),
});
export type Capabilities = z.infer<typeof Capabilities>;

/**
 * Prices in USD per 1M tokens. `cachedInput` applies to cache reads, `cacheWrite` to cache writes.
 * @example
 * const p: Pricing = { input: 0.15, output: 0.6, cachedInput: 0.075 };
 */
export const Pricing = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cachedInput: z.number().nonnegative().optional(),
  cacheWrite: z.number().nonnegative().optional(),
});
export type Pricing = z.infer<typeof Pricing>;

/**
 * Static facts about a model: used by cost accounting, capability and context filters.
 * @example
 * const spec: ModelSpec = {
 *   id: "gpt-4o-mini", provider: "openai", contextWindow: 128_000, maxOutputTokens: 16_384,
 *   pricing: { input: 0.15, output: 0.6, cachedInput: 0.075 },
 *   capabilities: { tools: true, vision: true, json: true, streaming: true },
 * };
 */
export const ModelSpec = z.object({
  id: z.string().min(1),
  provider: z.string().min(1),
  contextWindow: z.number().int().positive(),
  maxOutputTokens: z.number().int().positive(),
  pricing: Pricing,
  capabilities: Capabilities,
});
export type ModelSpec = z.infer<typeof ModelSpec>;
