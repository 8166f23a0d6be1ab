/**
 * Routing-quality benchmark of the learned prompt router on the RouteLLM eval data
 * (mixtral-8x7b = weak, gpt-4-1106 = strong). Trains on an id-hash train split, calibrates
 * thresholds on train, and reports on the held-out split only.
 *
 *   npx tsx bench/routing/quality.ts [--data path.jsonl] [--held-out 0.2] [--seed 1]
 */
import { cpus, loadavg } from "node:os";
import {
  calibrateThreshold,
  compileRouterModel,
  learnedClassifier,
  operatingPoint,
  scoreOf,
  splitByIdHash,
  summarizeRouting,
  trainRouter,
  type ScoredOutcome,
} from "@switchyard/core";
import { markdownTable, num, pct } from "./markdown-table.js";
import { argValue, loadRoutingRows, PRICES, STRONG, WEAK } from "./routing-data-path.js";

const argv = process.argv.slice(2);
const heldOutShare = Number(argValue(argv, "--held-out") ?? "0.2");
const seed = Number(argValue(argv, "--seed") ?? "1");
const rows = loadRoutingRows(argValue(argv, "--data"));
const { train, heldOut } = splitByIdHash(rows, heldOutShare);

const t0 = performance.now();
const model = trainRouter({ rows: train, weak: WEAK, strong: STRONG, seed });
const trainMs = performance.now() - t0;
const { score } = compileRouterModel(model);

type Outcome = ScoredOutcome & { readonly source: string };
const outcomes: Outcome[] = heldOut.map((r) => ({ score: score(r.prompt), weak: scoreOf(r, WEAK), strong: scoreOf(r, STRONG), source: r.source ?? "all" }));

// Thresholds are set on the TRAIN prompts for target strong shares; held-out shares may differ a little.
const targets = [0.1, 0.2, 0.3, 0.4, 0.5, 0.7];
const thresholds = targets.map((t) => ({ target: t, threshold: calibrateThreshold(model, train, t) }));

const overall = summarizeRouting(outcomes);
const baselineRow = (name: string, share: number, quality: number): string[] => {
  const cost = share * PRICES.strong + (1 - share) * PRICES.weak;
  return [name, "–", pct(share), num(quality), pct(quality / overall.strongQuality), pct(1 - cost / PRICES.strong), "–", "–"];
};
const pointRows = thresholds.map(({ target, threshold }) => {
  const p = operatingPoint(outcomes, threshold, PRICES);
  return [`learned @ ${pct(target)} (train)`, num(threshold), pct(p.strongShare), num(p.quality), pct(p.qualityRetained), pct(p.costSaved), num(p.randomQuality), num(p.pgr)];
});

// Cheapest operating point that keeps 95% of always-strong quality (threshold sweep on held-out, reported not tuned).
const sorted = [...outcomes].sort((a, b) => b.score - a.score);
let running = overall.weakQuality * outcomes.length;
let shareAt95 = 1;
for (let k = 0; k <= sorted.length; k++) {
  if (k > 0) running += (sorted[k - 1]?.strong ?? 0) - (sorted[k - 1]?.weak ?? 0);
  if (running / outcomes.length >= 0.95 * overall.strongQuality) {
    shareAt95 = k / sorted.length;
    break;
  }
}
const costAt = (share: number) => 1 - (share * PRICES.strong + (1 - share) * PRICES.weak) / PRICES.strong;
const randomShareAt95 = Math.min(1, Math.max(0, (0.95 * overall.strongQuality - overall.weakQuality) / (overall.strongQuality - overall.weakQuality)));

// Inference cost: classify every held-out prompt through the public classifier, after a warm-up pass.
const classifier = learnedClassifier(model, { threshold: thresholds[1]?.threshold ?? 0.5 });
const requests = heldOut.map((r) => ({ messages: [{ role: "user" as const, content: r.prompt }] }));
for (const req of requests.slice(0, 200)) classifier.classify(req);
const times: number[] = [];
for (const req of requests) {
  const s = performance.now();
  classifier.classify(req);
  times.push((performance.now() - s) * 1000);
}
times.sort((a, b) => a - b);
// Best of 5 passes over all held-out prompts: the mean per call with the least interference
// from other processes on a shared machine (per-call percentiles include descheduling).
const passes = Array.from({ length: 5 }, () => {
  const s = performance.now();
  for (const req of requests) classifier.classify(req);
  return ((performance.now() - s) * 1000) / requests.length;
});
const bestPassMicros = Math.min(...passes);
const meanChars = heldOut.reduce((n, r) => n + r.prompt.length, 0) / heldOut.length;
const micro = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(1);

const sources = [...new Set(outcomes.map((o) => o.source))].sort();
const summaryRows = [
  ["all", overall],
  ...sources.map((s) => [s, summarizeRouting(outcomes.filter((o) => o.source === s))] as const),
].map(([name, s]) =>
  typeof s === "string" ? [] : [String(name), String(s.count), num(s.weakQuality), num(s.strongQuality), num(s.oracleQuality), pct(s.oracleShare), num(s.apgr), pct(s.cpt50), pct(s.cpt80)],
);

const out = [
  `Routing quality — learned prompt router (hashed n-grams + logistic regression), ${new Date().toISOString().slice(0, 10)}`,
  `machine: ${cpus().length} cores, Node ${process.version}; data: ${rows.length} prompts, train ${train.length} / held-out ${heldOut.length} (id hash, ${pct(heldOutShare)} held out); seed ${seed}`,
  `weak = ${WEAK} ($${PRICES.weak}/1M), strong = ${STRONG} ($${PRICES.strong}/1M); cost assumes equal tokens per call`,
  `training: ${(trainMs / 1000).toFixed(1)} s; model file ${(JSON.stringify(model).length / 1024).toFixed(0)} KiB; classification (mean prompt ${meanChars.toFixed(0)} chars): ${bestPassMicros.toFixed(1)} µs per prompt (best of 5 passes), per call median ${micro(0.5)} µs, p99 ${micro(0.99)} µs (load average ${loadavg()[0]?.toFixed(1)})`,
  "",
  "Held-out operating points (thresholds calibrated on train prompts):",
  "",
  markdownTable(
    ["router", "threshold", "strong calls", "avg score", "quality vs always-strong", "cost saved vs always-strong", "random @ same share", "PGR"],
    [baselineRow("always weak (cheap)", 0, overall.weakQuality), baselineRow("always strong", 1, overall.strongQuality), baselineRow("oracle", overall.oracleShare, overall.oracleQuality), ...pointRows],
  ),
  "",
  `To keep 95% of always-strong quality on held-out: learned router needs ${pct(shareAt95)} strong calls (cost saved ${pct(costAt(shareAt95))}); random needs ${pct(randomShareAt95)} (cost saved ${pct(costAt(randomShareAt95))}).`,
  "",
  "APGR / CPT on held-out (random router: APGR 0.500, CPT(50%) 50%, CPT(80%) 80%):",
  "",
  markdownTable(["slice", "prompts", "always weak", "always strong", "oracle", "oracle strong share", "APGR", "CPT(50%)", "CPT(80%)"], summaryRows),
];
console.log(out.join("\n"));
