import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseRoutingJsonl, type RoutingRow } from "@switchyard/core";

/** The RouteLLM eval file, beside the repo: `<repo>/../shared/data/routing/routellm-eval.jsonl`. */
export const defaultRoutingDataPath = fileURLToPath(new URL("../../../shared/data/routing/routellm-eval.jsonl", import.meta.url));

/** The paper's pair and prices (USD per 1M tokens), see the data README. */
export const WEAK = "mixtral-8x7b-instruct";
export const STRONG = "gpt-4-1106-preview";
export const PRICES = { weak: 0.24, strong: 24.7 } as const;

/** Reads and validates the routing rows at `path`. */
export const loadRoutingRows = (path: string = defaultRoutingDataPath): RoutingRow[] => parseRoutingJsonl(readFileSync(path, "utf8"));

/** `--name value` from argv, or undefined. */
export const argValue = (argv: ReadonlyArray<string>, name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
