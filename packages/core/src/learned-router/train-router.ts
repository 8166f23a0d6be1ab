import { ConfigError } from "../errors/index.js";
import { defaultFeatureOptions, hashFeatures, type FeatureOptions, type SparseVector } from "./hash-features.js";
import { bytesToBase64, type RouterModel } from "./router-model.js";
import { scoreOf, type RoutingRow } from "./routing-data.js";
import { seededRandom, shuffled } from "./seeded-random.js";

/**
 * What the model learns to predict:
 * - "strong-wins": P(strong scores higher than weak by more than `margin`) — the RouteLLM label;
 * - "weak-fails": P(weak scores below `passScore`) — more positives to learn from, and it
 *   ranks prompts much the same when the strong model is rarely worse than the weak one.
 */
export type RouterLabel = "strong-wins" | "weak-fails";

/** Inputs of {@link trainRouter}. */
export interface TrainRouterOptions {
  readonly rows: ReadonlyArray<RoutingRow>;
  readonly weak: string;
  readonly strong: string;
  /** Default "strong-wins". */
  readonly label?: RouterLabel;
  /** Score difference that counts as a real difference ("strong-wins"). Default 0. */
  readonly margin?: number;
  /** A weak score below this is a failure ("weak-fails"). Default 0.5. */
  readonly passScore?: number;
  /** Passes over the data. Default 6. */
  readonly epochs?: number;
  /** FTRL-proximal learning rate α. Default 0.1. */
  readonly alpha?: number;
  /** L1 strength: prunes rare, unhelpful buckets (a smaller model file). Default 0.5. */
  readonly l1?: number;
  /** L2 strength. Default 1. */
  readonly l2?: number;
  readonly seed?: number;
  readonly features?: Partial<FeatureOptions>;
}

const labelOf = (row: RoutingRow, options: TrainRouterOptions): number => {
  const w = scoreOf(row, options.weak);
  const s = scoreOf(row, options.strong);
  return (options.label ?? "strong-wins") === "strong-wins" ? (s - w > (options.margin ?? 0) ? 1 : 0) : w < (options.passScore ?? 0.5) ? 1 : 0;
};

/** int8 quantisation: one scale for all weights; buckets that round to 0 are dropped. */
const quantise = (w: Float64Array): { readonly indices: string; readonly weights: string; readonly scale: number } => {
  let max = 0;
  for (const v of w) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? max / 127 : 1;
  const idx: number[] = [];
  const q: number[] = [];
  for (let i = 0; i < w.length; i++) {
    const v = Math.round((w[i] ?? 0) / scale);
    if (v !== 0) {
      idx.push(i);
      q.push(v);
    }
  }
  const indexBytes = new Uint8Array(idx.length * 4);
  const view = new DataView(indexBytes.buffer);
  idx.forEach((index, i) => view.setUint32(i * 4, index, true));
  return { indices: bytesToBase64(indexBytes), weights: bytesToBase64(new Uint8Array(Int8Array.from(q).buffer)), scale };
};

/**
 * Trains the learned prompt router: hashed n-gram features → logistic regression fitted
 * with FTRL-proximal (per-bucket learning rates, L1 + L2), predicting P(strong model is
 * needed). Deterministic for a given seed. Throws a `ConfigError` for unusable input
 * (no rows, a row without both scores, weak = strong).
 * @example
 * const model = trainRouter({ rows, weak: "mixtral-8x7b-instruct", strong: "gpt-4-1106-preview" });
 * writeFileSync("router.json", JSON.stringify(model));
 */
export const trainRouter = (options: TrainRouterOptions): RouterModel => {
  const { rows, weak, strong } = options;
  if (weak === strong) throw new ConfigError({ message: "trainRouter: weak and strong must be different models", path: ["strong"] });
  if (rows.length === 0) throw new ConfigError({ message: "trainRouter: no training rows", path: ["rows"] });
  const label = options.label ?? "strong-wins";
  const epochs = options.epochs ?? 6;
  const alpha = options.alpha ?? 0.1;
  const beta = 1;
  const l1 = options.l1 ?? 0.5;
  const l2 = options.l2 ?? 1;
  const features: FeatureOptions = { ...defaultFeatureOptions, ...options.features };
  const dims = 1 << features.bits;

  const examples: Array<{ readonly x: SparseVector; readonly y: number }> = rows.map((row) => ({
    x: hashFeatures(row.prompt, features),
    y: labelOf(row, options),
  }));
  const positives = examples.reduce((n, e) => n + e.y, 0);

  // FTRL-proximal state; index `dims` is the bias.
  const z = new Float64Array(dims + 1);
  const n = new Float64Array(dims + 1);
  const weightOf = (i: number): number => {
    const zi = z[i] ?? 0;
    if (Math.abs(zi) <= l1) return 0;
    return -(zi - Math.sign(zi) * l1) / ((beta + Math.sqrt(n[i] ?? 0)) / alpha + l2);
  };
  const update = (i: number, g: number, w: number): void => {
    const ni = n[i] ?? 0;
    const sigma = (Math.sqrt(ni + g * g) - Math.sqrt(ni)) / alpha;
    z[i] = (z[i] ?? 0) + g - sigma * w;
    n[i] = ni + g * g;
  };

  const random = seededRandom(options.seed ?? 1);
  let local = new Float64Array(1024);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const { x, y } of shuffled(examples, random)) {
      if (local.length < x.indices.length) local = new Float64Array(x.indices.length * 2);
      const wBias = weightOf(dims);
      let logit = wBias;
      for (let k = 0; k < x.indices.length; k++) {
        const w = weightOf(x.indices[k] ?? 0);
        local[k] = w;
        logit += w * (x.values[k] ?? 0);
      }
      const g = 1 / (1 + Math.exp(-Math.max(-35, Math.min(35, logit)))) - y;
      update(dims, g, wBias);
      for (let k = 0; k < x.indices.length; k++) update(x.indices[k] ?? 0, g * (x.values[k] ?? 0), local[k] ?? 0);
    }
  }

  const weights = new Float64Array(dims);
  for (let i = 0; i < dims; i++) weights[i] = weightOf(i);
  const q = quantise(weights);
  return {
    format: "switchyard.learned-router.v1",
    weak,
    strong,
    features: { bits: features.bits, charNgrams: [features.charNgrams[0], features.charNgrams[1]], maxChars: features.maxChars },
    bias: weightOf(dims),
    scale: q.scale,
    indices: q.indices,
    weights: q.weights,
    training: { rows: rows.length, strongShare: positives / rows.length, label, epochs },
  };
};
