/**
 * The 95th percentile of a latency sample (the sorted sample's element at ⌊0.95·n⌋), or
 * undefined for an empty sample. It sorts a `Float64Array` copy (numeric order, no
 * comparator): for a sample read whole, as the Redis state reads its list. A state that sees
 * every latency arrive keeps them sorted as they come instead (the memory state's window),
 * since policies read the p95 on every pick.
 * @example
 * latencyP95([120, 80, 300, 95]); // 300
 * latencyP95([]); // undefined
 */
export const latencyP95 = (sample: ArrayLike<number>): number | undefined => {
  if (sample.length === 0) return undefined;
  const sorted = new Float64Array(sample).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
};
