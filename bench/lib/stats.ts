/**
 * The lower middle of a list of numbers (the middle one for an odd count), NaN for none.
 * @example
 * median([4, 1, 3, 2]); // 2
 */
export const median = (xs: ReadonlyArray<number>): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? Number.NaN;

/**
 * The nearest-rank `q` quantile of an ascending list (its element at ⌊q·n⌋), NaN for none.
 * @example
 * nearestRank([1, 2, 3, 4], 0.99); // 4
 */
export const nearestRank = (sorted: ReadonlyArray<number>, q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
