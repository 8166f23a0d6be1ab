/**
 * A small seeded PRNG (mulberry32): training shuffles and splits are reproducible from
 * `--seed` alone.
 * @example
 * const rand = seededRandom(1); rand(); // 0.627…, the same on every run
 */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/**
 * Fisher–Yates shuffle into a new array.
 * @example
 * shuffled([1, 2, 3], seededRandom(1));
 */
export const shuffled = <T>(items: ReadonlyArray<T>, random: () => number): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
};
