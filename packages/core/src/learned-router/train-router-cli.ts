import { ConfigError } from "../errors/index.js";
import { calibrateThreshold } from "./calibrate-threshold.js";
import { compileRouterModel } from "./router-model.js";
import { parseRoutingJsonl, scoreOf } from "./routing-data.js";
import { operatingPoint, summarizeRouting } from "./routing-metrics.js";
import { splitByIdHash } from "./split-by-id-hash.js";
import { trainRouter } from "./train-router.js";

const USAGE = `usage: switchyard train-router --data prompts.jsonl --weak MODEL --strong MODEL --out router.json [--holdout 0.2] [--seed 1]

  --data     JSON Lines, one {"id"?, "prompt", "scores": {"<weak>": s, "<strong>": s}} a line
  --weak     the cheap model's name in "scores"
  --strong   the strong model's name in "scores"
  --out      where to write the trained model (JSON)
  --holdout  share of rows (by id hash) held out to report metrics on; 0 trains on all. Default 0.2
  --seed     training shuffle seed. Default 1`;

/** Where the CLI writes; a test passes its own. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

interface CliArgs {
  readonly data: string;
  readonly weak: string;
  readonly strong: string;
  readonly out: string;
  readonly holdout: number;
  readonly seed: number;
}

const parseArgs = (argv: ReadonlyArray<string>): CliArgs => {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? "";
    if (!["--data", "--weak", "--strong", "--out", "--holdout", "--seed"].includes(flag)) throw new ConfigError({ message: `unknown argument "${flag}"` });
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) throw new ConfigError({ message: `${flag} needs a value` });
    values.set(flag, value);
    i++;
  }
  const required = (flag: string): string => {
    const v = values.get(flag);
    if (v === undefined) throw new ConfigError({ message: `${flag} is required` });
    return v;
  };
  const holdout = Number(values.get("--holdout") ?? "0.2");
  const seed = Number(values.get("--seed") ?? "1");
  if (!(holdout >= 0 && holdout < 1)) throw new ConfigError({ message: "--holdout must be in [0, 1)" });
  if (!Number.isInteger(seed)) throw new ConfigError({ message: "--seed must be an integer" });
  return { data: required("--data"), weak: required("--weak"), strong: required("--strong"), out: required("--out"), holdout, seed };
};

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/**
 * `switchyard train-router`: trains the learned prompt router on a JSONL file, reports
 * held-out metrics (APGR, CPT, quality and strong-call share at calibrated thresholds) and
 * writes the model. Resolves to the exit code: 0 done, 2 bad arguments or data, 1 I/O error.
 * @example
 * const code = await runTrainRouterCli(["--data", "p.jsonl", "--weak", "mixtral", "--strong", "gpt-4", "--out", "router.json"]);
 */
export const runTrainRouterCli = async (argv: ReadonlyArray<string>, io: CliIo = { out: console.log, err: console.error }): Promise<number> => {
  // Loaded here, not at the top: the core's main entry stays free of Node built-ins.
  const { readFile, writeFile } = await import("node:fs/promises");
  try {
    const args = parseArgs(argv);
    const rows = parseRoutingJsonl(await readFile(args.data, "utf8"));
    for (const row of rows) {
      scoreOf(row, args.weak);
      scoreOf(row, args.strong);
    }
    const { train, heldOut } = splitByIdHash(rows, args.holdout);
    if (train.length === 0) throw new ConfigError({ message: "no training rows left after the hold-out split" });
    const started = performance.now();
    const model = trainRouter({ rows: train, weak: args.weak, strong: args.strong, seed: args.seed });
    io.out(`trained on ${train.length} rows in ${((performance.now() - started) / 1000).toFixed(1)} s; held out ${heldOut.length}`);

    const shares = [0.1, 0.2, 0.3, 0.5];
    const thresholds = shares.map((s) => ({ share: s, threshold: calibrateThreshold(model, train, s) }));
    if (heldOut.length > 0) {
      const { score } = compileRouterModel(model);
      const outcomes = heldOut.map((r) => ({ score: score(r.prompt), weak: scoreOf(r, args.weak), strong: scoreOf(r, args.strong) }));
      const s = summarizeRouting(outcomes);
      io.out(`held-out: weak ${s.weakQuality.toFixed(3)}, strong ${s.strongQuality.toFixed(3)}, oracle ${s.oracleQuality.toFixed(3)}`);
      io.out(`held-out: APGR ${s.apgr.toFixed(3)} (random 0.500), CPT(50%) ${pct(s.cpt50)}, CPT(80%) ${pct(s.cpt80)}`);
      for (const { share, threshold } of thresholds) {
        const p = operatingPoint(outcomes, threshold, { weak: 1, strong: 1 });
        io.out(
          `  threshold ${threshold.toFixed(4)} (${pct(share)} strong on train): ${pct(p.strongShare)} strong on held-out, score ${p.quality.toFixed(3)} vs random ${p.randomQuality.toFixed(3)}, PGR ${p.pgr.toFixed(3)}`,
        );
      }
    } else {
      for (const { share, threshold } of thresholds) io.out(`  threshold ${threshold.toFixed(4)} → ${pct(share)} strong calls on the training prompts`);
    }
    await writeFile(args.out, JSON.stringify(model));
    io.out(`wrote ${args.out}`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`train-router: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`train-router: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
};

// Run directly (`tsx train-router-cli.ts ...`). No top-level await: the core's entry imports
// this module, and a top-level await would make every importer of the core async.
if (typeof process !== "undefined" && import.meta.filename !== undefined && process.argv[1] === import.meta.filename) {
  void runTrainRouterCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
