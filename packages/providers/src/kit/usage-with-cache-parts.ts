import type { Usage } from "@switchyard/core";

/**
 * Usage for upstreams that report cache reads and writes beside the uncached input
 * (Anthropic, Bedrock Converse): Switchyard's `inputTokens` is the whole prompt, so the
 * three are summed and the cache classes kept as parts of it — reported only when the
 * upstream sent them.
 * @example
 * usageWithCacheParts({ uncachedInput: 10, output: 5, cacheRead: 100 });
 * // { inputTokens: 110, outputTokens: 5, totalTokens: 115, cachedInputTokens: 100 }
 */
export const usageWithCacheParts = (counts: {
  readonly uncachedInput?: number | null | undefined;
  readonly output?: number | null | undefined;
  readonly cacheRead?: number | null | undefined;
  readonly cacheWrite?: number | null | undefined;
}): Usage => {
  const cacheRead = counts.cacheRead ?? 0;
  const cacheWrite = counts.cacheWrite ?? 0;
  const inputTokens = (counts.uncachedInput ?? 0) + cacheRead + cacheWrite;
  const outputTokens = counts.output ?? 0;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(counts.cacheRead != null ? { cachedInputTokens: cacheRead } : {}),
    ...(counts.cacheWrite != null ? { cacheWriteInputTokens: cacheWrite } : {}),
  };
};
