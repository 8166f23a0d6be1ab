/**
 * 32-bit FNV-1a over the UTF-16 code units of `text`, finished with murmur3's avalanche
 * step so that the low bits are as well mixed as the high ones (FNV-1a alone leaves the
 * low bits of short keys correlated, which biases `hash % n`). Stable across processes
 * and replicas: sticky A/B assignment and the learned router's feature hashing rely on it.
 * @example
 * stableHash("user-42") === stableHash("user-42"); // always
 * stableHash("user-42", 7) !== stableHash("user-42"); // a seed gives an independent hash
 */
export const stableHash = (text: string, seed = 0): number => {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
};

/**
 * murmur3's 32-bit finaliser: spreads every input bit over the whole word, so the low
 * bits of a hash are as well mixed as the high ones.
 * @example
 * fmix32(0x811c9dc5) !== fmix32(0x811c9dc4); // neighbours land far apart
 */
export const fmix32 = (h: number): number => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

/**
 * Maps a key to a stable number in [0, 1): the same key always lands in the same place.
 * @example
 * const bucket = unitInterval("user-42"); // e.g. 0.7312…
 */
export const unitInterval = (key: string): number => stableHash(key) / 4294967296;
