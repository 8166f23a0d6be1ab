import { z } from "zod";
import { ConfigError } from "../errors/index.js";

/**
 * One training/evaluation row: a prompt and how well each model answered it (any scale,
 * higher is better). `id` and `source` are optional: used for splitting and slicing, never
 * as features.
 * @example
 * const row: RoutingRow = { prompt: "What is 2+2?", scores: { mixtral: 1, "gpt-4": 1 } };
 */
export const RoutingRow = z.object({
  id: z.string().optional(),
  source: z.string().optional(),
  category: z.string().optional(),
  prompt: z.string(),
  scores: z.record(z.string(), z.number().finite()),
});
export type RoutingRow = z.infer<typeof RoutingRow>;

/**
 * Parses JSON Lines of {@link RoutingRow}s (blank lines skipped). Throws a `ConfigError`
 * naming the first bad line: training data is start-up input, not a request.
 * @example
 * const rows = parseRoutingJsonl('{"prompt":"hi","scores":{"a":1,"b":0}}\n');
 */
export const parseRoutingJsonl = (text: string): RoutingRow[] => {
  const rows: RoutingRow[] = [];
  const lines = text.split("\n");
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new ConfigError({ message: `line ${i + 1}: not valid JSON`, path: ["data", i + 1] });
    }
    const parsed = RoutingRow.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError({ message: `line ${i + 1}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? "invalid row"}`.trim(), path: ["data", i + 1] });
    }
    rows.push(parsed.data);
  }
  return rows;
};

/**
 * The score of `model` on a row; a `ConfigError` when the row lacks it.
 * @example
 * scoreOf({ prompt: "p", scores: { a: 1 } }, "a"); // 1
 */
export const scoreOf = (row: RoutingRow, model: string): number => {
  const s = row.scores[model];
  if (s === undefined) throw new ConfigError({ message: `a row has no score for model "${model}"`, path: ["scores", model] });
  return s;
};
