/**
 * The 95th percentile of a latency sample (the sorted sample's element at ⌊0.95·n⌋), or
 * undefined for an empty sample. It sorts a `Float64Array` copy, whose native numeric sort
 * needs no comparator call per comparison: on a 64-sample ring that is several times
 * cheaper than `[...xs].sort((a, b) => a - b)`, and health checks read it on every pick.
 * @example
 * latencyP95([120, 80, 300, 95]); // 300
 * latencyP95([]); // undefined
 */
export const latencyP95 = (sample: ArrayLike<number>): number | undefined => {
  if (sample.length === 0) return undefined;
  const sorted = Float64Array.from(sample).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
};
