import { ModelSpec } from "@switchyard/core";
import { z } from "zod";

/**
 * A model declared as data (JSON/YAML, or a TS config that prefers it): a provider name
 * (`openai`, `anthropic`, `openai-compatible`, a preset such as `groq`, or `simulator`),
 * the provider's model id, and settings. `apiKey` is `env:NAME`.
 * @example
 * const d: ModelDeclaration = { provider: "openai", model: "gpt-4o-mini", apiKey: "env:OPENAI_API_KEY" };
 */
export const ModelDeclaration = z.object({
  provider: z.string().min(1),
  model: z.string().min(1),
  apiKey: z.string().min(1).optional(),
  baseURL: z.string().url().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  spec: ModelSpec.optional(),
});
export type ModelDeclaration = z.infer<typeof ModelDeclaration>;

/**
 * True for a model declared as data rather than built in code.
 * @example
 * isModelDeclaration({ provider: "openai", model: "gpt-4o" }); // true
 */
export const isModelDeclaration = (v: unknown): v is ModelDeclaration =>
  typeof v === "object" && v !== null && "provider" in v && typeof v.provider === "string" && "model" in v && typeof v.model === "string";
