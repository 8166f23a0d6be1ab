import type { CliCommand } from "../cli-command.js";

/**
 * `switchyard train-router --data prompts.jsonl --weak W --strong S --out router.json`:
 * trains the learned prompt router from prompts scored per model and prints held-out metrics.
 * @example
 * // switchyard train-router --data ../shared/data/routing/routellm-eval.jsonl --weak mixtral-8x7b-instruct --strong gpt-4-1106-preview --out router.json
 */
export const command: CliCommand = {
  name: "train-router",
  summary: "train the learned prompt router from a JSONL file of prompts with per-model scores",
  usage: "switchyard train-router --data <file.jsonl> --weak <model> --strong <model> --out <router.json> [--holdout 0.2] [--seed 1]",
  run: async (argv) => {
    const { runTrainRouterCli } = await import("@switchyard/core");
    return runTrainRouterCli(argv);
  },
};
