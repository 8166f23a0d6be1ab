import { z } from "zod";
import { ConfigError } from "../errors/index.js";
import { defaultFeatureOptions, hashFeatures, type FeatureOptions } from "./hash-features.js";

/**
 * A trained prompt router as plain JSON: which models it routes between, the feature
 * settings, and the logistic-regression weights — sparse (ascending bucket indices) and
 * quantised to int8 with one scale, both base64. No vocabulary: the features are hashed.
 * @example
 * const json = JSON.stringify(model); // write it; loadRouterModel(JSON.parse(text)) reads it back
 */
export const RouterModel = z.object({
  format: z.literal("switchyard.learned-router.v1"),
  weak: z.string().min(1),
  strong: z.string().min(1),
  features: z.object({
    bits: z.number().int().min(8).max(24),
    charNgrams: z.tuple([z.number().int().min(1), z.number().int().min(1)]),
    maxChars: z.number().int().positive(),
  }),
  bias: z.number().finite(),
  /** weight = int8 value × scale. */
  scale: z.number().finite().positive(),
  /** base64 of little-endian uint32 bucket indices, ascending. */
  indices: z.string(),
  /** base64 of int8 quantised weights, one per index. */
  weights: z.string(),
  /** What the model was trained on, for the record. */
  training: z
    .object({ rows: z.number().int().nonnegative(), strongShare: z.number(), label: z.string(), epochs: z.number().int() })
    .optional(),
});
export type RouterModel = z.infer<typeof RouterModel>;

/** Encodes bytes as base64 without Node's Buffer, so the core also runs in browsers. */
export const bytesToBase64 = (bytes: Uint8Array): string => {
  let binary = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
};

const base64ToBytes = (text: string): Uint8Array => {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
};

/** A router model ready to score prompts: dense weights in memory. */
export interface CompiledRouterModel {
  readonly model: RouterModel;
  /** P(the strong model is needed) for a prompt, in [0, 1]. */
  readonly score: (prompt: string) => number;
}

const decodeWeights = (model: RouterModel): Float32Array => {
  const dense = new Float32Array(1 << model.features.bits);
  let indexBytes: Uint8Array;
  let weightBytes: Uint8Array;
  try {
    indexBytes = base64ToBytes(model.indices);
    weightBytes = base64ToBytes(model.weights);
  } catch {
    throw new ConfigError({ message: "router model: indices/weights are not valid base64", path: ["indices"] });
  }
  if (indexBytes.length !== weightBytes.length * 4) {
    throw new ConfigError({ message: "router model: indices and weights differ in length", path: ["weights"] });
  }
  const view = new DataView(indexBytes.buffer, indexBytes.byteOffset, indexBytes.byteLength);
  const q = new Int8Array(weightBytes.buffer, weightBytes.byteOffset, weightBytes.byteLength);
  for (let i = 0; i < q.length; i++) {
    const index = view.getUint32(i * 4, true);
    if (index >= dense.length) throw new ConfigError({ message: `router model: index ${index} is outside 2^${model.features.bits}`, path: ["indices"] });
    dense[index] = (q[i] ?? 0) * model.scale;
  }
  return dense;
};

const compiled = new WeakMap<RouterModel, CompiledRouterModel>();

/**
 * Decodes a model's weights once (cached per model object) and returns its scorer.
 * @example
 * const p = compileRouterModel(model).score("Prove that sqrt(2) is irrational."); // e.g. 0.41
 */
export const compileRouterModel = (model: RouterModel): CompiledRouterModel => {
  const hit = compiled.get(model);
  if (hit !== undefined) return hit;
  const dense = decodeWeights(model);
  const features: FeatureOptions = { ...defaultFeatureOptions, ...model.features };
  const score = (prompt: string): number => {
    const x = hashFeatures(prompt, features);
    let z = model.bias;
    for (let i = 0; i < x.indices.length; i++) z += (dense[x.indices[i] ?? 0] ?? 0) * (x.values[i] ?? 0);
    return 1 / (1 + Math.exp(-z));
  };
  const result = { model, score };
  compiled.set(model, result);
  return result;
};

/**
 * Validates a parsed router-model file and decodes its weights. Throws a `ConfigError`
 * saying what is wrong: a model is loaded at start-up, never mid-request.
 * @example
 * const model = loadRouterModel(JSON.parse(readFileSync("router.json", "utf8")));
 */
export const loadRouterModel = (json: unknown): RouterModel => {
  const parsed = RouterModel.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError({ message: `router model: ${issue?.path.join(".") ?? ""} ${issue?.message ?? "invalid"}`.trim(), path: (issue?.path ?? []).map((p) => (typeof p === "symbol" ? String(p) : p)) });
  }
  compileRouterModel(parsed.data);
  return parsed.data;
};
