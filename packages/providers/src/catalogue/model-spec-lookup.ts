import type { ModelSpec } from "@switchyard/core";
import { catalogue, type CatalogueModelId } from "./catalogue-entries.js";

/**
 * The catalogue entry for a `provider/model` id. An id that is not in the catalogue is a
 * compile error; use `withCatalogueOverrides` to add your own.
 * @example
 * const spec = modelSpec("openai/gpt-4o-mini");
 * spec.contextWindow; // 128000
 */
export const modelSpec = (id: CatalogueModelId): ModelSpec => catalogue[id];

/** A field-by-field patch of a catalogue entry: pricing and capabilities merge key by key. */
export interface ModelSpecPatch {
  readonly contextWindow?: number;
  readonly maxOutputTokens?: number;
  readonly pricing?: Partial<ModelSpec["pricing"]>;
  readonly capabilities?: Partial<ModelSpec["capabilities"]>;
}

/** Each override: a patch for a known id, a whole `ModelSpec` for a new one. */
export type CatalogueOverrides<O> = {
  readonly [K in keyof O]: K extends CatalogueModelId ? ModelSpecPatch : ModelSpec;
};

const patchSpec = (base: ModelSpec, patch: ModelSpecPatch): ModelSpec => ({
  ...base,
  ...(patch.contextWindow !== undefined ? { contextWindow: patch.contextWindow } : {}),
  ...(patch.maxOutputTokens !== undefined ? { maxOutputTokens: patch.maxOutputTokens } : {}),
  pricing: { ...base.pricing, ...patch.pricing },
  capabilities: { ...base.capabilities, ...patch.capabilities },
});

const isCatalogueId = (id: string): id is CatalogueModelId => Object.hasOwn(catalogue, id);

/**
 * A copy of the catalogue with your negotiated prices, new limits or private models; the
 * result is keyed by the union of both id sets, so lookups stay type-checked.
 * @example
 * const specs = withCatalogueOverrides({
 *   "openai/gpt-4o": { pricing: { input: 2 } },
 *   "vllm/my-llama": { id: "my-llama", provider: "vllm", contextWindow: 8192, maxOutputTokens: 2048,
 *     pricing: { input: 0, output: 0 }, capabilities: { tools: false, vision: false, json: true, streaming: true } },
 * });
 * specs["vllm/my-llama"].contextWindow; // 8192
 */
export const withCatalogueOverrides = <const O extends CatalogueOverrides<O>>(
  overrides: O,
): Readonly<Record<CatalogueModelId | Extract<keyof O, string>, ModelSpec>> => {
  const out: Record<string, ModelSpec> = { ...catalogue };
  for (const [id, value] of Object.entries<ModelSpecPatch | ModelSpec>(overrides)) {
    out[id] = isCatalogueId(id) ? patchSpec(catalogue[id], value) : (value as ModelSpec);
  }
  return out as Readonly<Record<CatalogueModelId | Extract<keyof O, string>, ModelSpec>>;
};
