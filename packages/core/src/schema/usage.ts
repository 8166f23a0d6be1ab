import { z } from "zod";

/**
 * Token usage of one call. Every token class is its own field so cost is never
 * double-counted: `cachedInputTokens` and `cacheWriteInputTokens` are parts of
 * `inputTokens`, `reasoningTokens` is part of `outputTokens`.
 * @example
 * const u: Usage = { inputTokens: 12, outputTokens: 5, totalTokens: 17 };
 */
export const Usage = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  cachedInputTokens: z.number().int().nonnegative().optional(),
  cacheWriteInputTokens: z.number().int().nonnegative().optional(),
  reasoningTokens: z.number().int().nonnegative().optional(),
});
export type Usage = z.infer<typeof Usage>;

/** Usage with every count at zero. @example const u = emptyUsage(); */
export const emptyUsage = (): Usage => ({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });

/**
 * Sums two usages, keeping optional classes only where either side reported them.
 * @example
 * addUsage({ inputTokens: 1, outputTokens: 2, totalTokens: 3 }, { inputTokens: 1, outputTokens: 1, totalTokens: 2 });
 */
export const addUsage = (a: Usage, b: Usage): Usage => {
  const out: Usage = {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
  for (const k of ["cachedInputTokens", "cacheWriteInputTokens", "reasoningTokens"] as const) {
    if (a[k] !== undefined || b[k] !== undefined) out[k] = (a[k] ?? 0) + (b[k] ?? 0);
  }
  return out;
};
