/**
 * Routing-quality metrics of the RouteLLM paper (Ong et al., 2024): for a router that
 * scores prompts, sweep the share of calls sent to the strong model and measure the
 * quality recovered between always-weak and always-strong.
 */

/** One evaluated prompt: the router's score and both models' outcomes. */
export interface ScoredOutcome {
  /** Router score: higher means "send to strong". */
  readonly score: number;
  readonly weak: number;
  readonly strong: number;
}

/** Quality and cost of routing at one operating point. */
export interface OperatingPoint {
  /** Share of prompts sent to the strong model, 0..1. */
  readonly strongShare: number;
  /** Mean score of the routed answers. */
  readonly quality: number;
  /** Performance gap recovered: (quality − weak) / (strong − weak). */
  readonly pgr: number;
  /** quality / always-strong quality. */
  readonly qualityRetained: number;
  /** 1 − cost / always-strong cost, from the per-token price ratio (same tokens per call assumed). */
  readonly costSaved: number;
  /** Expected quality of a random router with the same strong share. */
  readonly randomQuality: number;
}

/** Whole-curve summary. */
export interface RoutingSummary {
  readonly count: number;
  readonly weakQuality: number;
  readonly strongQuality: number;
  readonly oracleQuality: number;
  /** Share of prompts where strong scores higher (what the oracle sends to strong). */
  readonly oracleShare: number;
  /** Average PGR over strong shares 0..1 (area under the PGR curve); a random router scores 0.5. */
  readonly apgr: number;
  /** Smallest strong share reaching 50% / 80% PGR (1 when never reached). */
  readonly cpt50: number;
  readonly cpt80: number;
}

/** Model prices per 1M tokens; only their ratio matters. */
export interface PricePair {
  readonly weak: number;
  readonly strong: number;
}

const mean = (xs: ReadonlyArray<number>): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

const pgrOf = (quality: number, weak: number, strong: number): number => (strong === weak ? 0 : (quality - weak) / (strong - weak));

/**
 * Routes every prompt whose score is ≥ `threshold` to the strong model and reports quality,
 * PGR, cost saved and the random baseline at the same strong share.
 * @example
 * const p = operatingPoint(outcomes, 0.4, { weak: 0.24, strong: 24.7 });
 */
export const operatingPoint = (outcomes: ReadonlyArray<ScoredOutcome>, threshold: number, prices: PricePair): OperatingPoint => {
  const weak = mean(outcomes.map((o) => o.weak));
  const strong = mean(outcomes.map((o) => o.strong));
  const routed = outcomes.map((o) => (o.score >= threshold ? { s: 1, q: o.strong } : { s: 0, q: o.weak }));
  const strongShare = mean(routed.map((r) => r.s));
  const quality = mean(routed.map((r) => r.q));
  const cost = strongShare * prices.strong + (1 - strongShare) * prices.weak;
  return {
    strongShare,
    quality,
    pgr: pgrOf(quality, weak, strong),
    qualityRetained: strong === 0 ? 0 : quality / strong,
    costSaved: 1 - cost / prices.strong,
    randomQuality: weak + strongShare * (strong - weak),
  };
};

/**
 * APGR and CPT over the full sweep: prompts sorted by score, the top k sent to strong, for
 * every k (the exact area, rather than the paper's 10-point approximation).
 * @example
 * const { apgr, cpt50 } = summarizeRouting(outcomes);
 */
export const summarizeRouting = (outcomes: ReadonlyArray<ScoredOutcome>): RoutingSummary => {
  const n = outcomes.length;
  const weak = mean(outcomes.map((o) => o.weak));
  const strong = mean(outcomes.map((o) => o.strong));
  const sorted = [...outcomes].sort((a, b) => b.score - a.score);
  let sum = weak * n;
  let area = 0;
  let previous = 0;
  let cpt50 = 1;
  let cpt80 = 1;
  for (let k = 0; k <= n; k++) {
    if (k > 0) {
      const o = sorted[k - 1];
      if (o !== undefined) sum += o.strong - o.weak;
    }
    const pgr = pgrOf(sum / n, weak, strong);
    if (k > 0) area += (previous + pgr) / 2 / n;
    previous = pgr;
    if (pgr >= 0.5 && cpt50 === 1) cpt50 = k / n;
    if (pgr >= 0.8 && cpt80 === 1) cpt80 = k / n;
  }
  return {
    count: n,
    weakQuality: weak,
    strongQuality: strong,
    oracleQuality: mean(outcomes.map((o) => Math.max(o.weak, o.strong))),
    oracleShare: mean(outcomes.map((o) => (o.strong > o.weak ? 1 : 0))),
    apgr: n === 0 ? 0 : area,
    cpt50,
    cpt80,
  };
};
