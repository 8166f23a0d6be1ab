/**
 * How the learned router's defaults were chosen: a small grid over training options,
 * scored on an inner split of the TRAIN rows only (the held-out split that quality.ts
 * reports is never looked at here).
 *
 *   npx tsx bench/routing/tune.ts ['[{"alpha":0.1,"epochs":6},{"l1":2}]']
 */
import { compileRouterModel, scoreOf, splitByIdHash, summarizeRouting, trainRouter, type TrainRouterOptions } from "@switchyard/core";
import { markdownTable, num, pct } from "./markdown-table.js";
import { argValue, loadRoutingRows, STRONG, WEAK } from "./routing-data-path.js";

type Grid = ReadonlyArray<Partial<Omit<TrainRouterOptions, "rows" | "weak" | "strong">>>;
const argv = process.argv.slice(2);
const grid: Grid = JSON.parse(argv.find((a) => a.startsWith("[")) ?? '[{}, {"label":"weak-fails"}, {"l1":2}, {"alpha":0.02}, {"epochs":2}]') as Grid;

const { train } = splitByIdHash(loadRoutingRows(argValue(argv, "--data")), 0.2);
const { train: fit, heldOut: validation } = splitByIdHash(train, 0.25, "tune");
const rows = grid.map((options) => {
  const started = performance.now();
  const model = trainRouter({ ...options, rows: fit, weak: WEAK, strong: STRONG });
  const seconds = (performance.now() - started) / 1000;
  const { score } = compileRouterModel(model);
  const s = summarizeRouting(validation.map((r) => ({ score: score(r.prompt), weak: scoreOf(r, WEAK), strong: scoreOf(r, STRONG) })));
  return [JSON.stringify(options), num(s.apgr), pct(s.cpt50), pct(s.cpt80), `${seconds.toFixed(1)} s`, `${(JSON.stringify(model).length / 1024).toFixed(0)} KiB`];
});
console.log(`fit ${fit.length} rows, validation ${validation.length} rows (both inside the train split)\n`);
console.log(markdownTable(["options", "APGR", "CPT(50%)", "CPT(80%)", "train time", "model size"], rows));
