/**
 * The learned router's features: a signed hashing trick over word uni/bi-grams and
 * character 3–5-grams, log-scaled counts, L2-normalised. Vocabulary-free, so the model
 * file holds only weights, and a prompt is featurised in microseconds.
 */

import { fmix32 } from "../policy/stable-hash.js";

/** Feature settings, stored in the model file so inference hashes exactly as training did. */
export interface FeatureOptions {
  /** log2 of the hashed dimension. Default 18 (262 144 buckets). */
  readonly bits: number;
  /** Character n-gram lengths, inclusive. Default [3, 5]. */
  readonly charNgrams: readonly [number, number];
  /** Only the first `maxChars` characters are read: the cost stays bounded for huge prompts. Default 4000. */
  readonly maxChars: number;
}

/** Default feature settings. */
export const defaultFeatureOptions: FeatureOptions = { bits: 18, charNgrams: [3, 5], maxChars: 4000 };

/** A sparse vector: parallel arrays of bucket indices and values. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// Namespaces keep "the" as a word apart from "the" as a character trigram.
const NS_WORD = 0x9e3779b9;
const NS_BIGRAM = 0x85ebca6b;
const NS_CHAR = 0xc2b2ae35;
const NS_LENGTH = 0x27d4eb2f;

const mix = fmix32;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const isWordChar = (code: number): boolean =>
  code < 128 ? (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90) : LETTER_OR_DIGIT.test(String.fromCharCode(code));
const isSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13) || code === 160;

// A small open-addressing table (bucket → signed count), reused across calls: featurising
// is synchronous, and a table sized to the prompt stays in cache where a 2^18-wide array
// would miss on nearly every hit. One const object, so the hot path has no closures.
const table = { slots: new Int32Array(0), counts: new Float64Array(0), tableMask: 0, bucketMask: 0, used: 0 };

const add = (h: number): void => {
  const m = mix(h);
  const index = m & table.bucketMask;
  const slots = table.slots;
  let slot = (Math.imul(index, 0x9e3779b1) >>> 0) & table.tableMask;
  for (;;) {
    const key = slots[slot];
    if (key === index) break;
    if (key === -1) {
      slots[slot] = index;
      table.used++;
      break;
    }
    slot = (slot + 1) & table.tableMask;
  }
  table.counts[slot] = (table.counts[slot] as number) + (m >>> 31 === 1 ? -1 : 1);
};

/**
 * Turns a prompt into its hashed feature vector. The same text always gives the same
 * vector, on any machine (32-bit FNV-1a + murmur3 finaliser; the top bit is the sign).
 * Words are runs of letters/digits, and every other non-space character is a word of its own.
 * @example
 * const v = hashFeatures("What is 2 + 2?");
 * v.indices.length === v.values.length; // true
 */
export const hashFeatures = (text: string, options: FeatureOptions = defaultFeatureOptions): SparseVector => {
  const lower = text.slice(0, options.maxChars).toLowerCase();
  // At most this many hits: word + bigram per character, the char n-grams, the length bucket.
  const bound = lower.length * (3 + options.charNgrams[1] - options.charNgrams[0]) + 2;
  let size = 64;
  while (size < bound * 2) size *= 2;
  if (table.slots.length < size) {
    table.slots = new Int32Array(size).fill(-1);
    table.counts = new Float64Array(size);
  }
  table.tableMask = size - 1;
  table.bucketMask = (1 << options.bits) - 1;
  table.used = 0;

  let previous: number | undefined;
  let h = 0;
  let inWord = false;
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 32;
    const word = isWordChar(code);
    if (word) {
      if (!inWord) h = FNV_OFFSET ^ NS_WORD;
      h = Math.imul(h ^ code, FNV_PRIME);
      inWord = true;
      continue;
    }
    if (inWord) {
      add(h);
      if (previous !== undefined) add(Math.imul(previous ^ NS_BIGRAM, FNV_PRIME) ^ h);
      previous = h;
      inWord = false;
    }
    if (!isSpace(code)) {
      const p = Math.imul((FNV_OFFSET ^ NS_WORD) ^ code, FNV_PRIME);
      add(p);
      if (previous !== undefined) add(Math.imul(previous ^ NS_BIGRAM, FNV_PRIME) ^ p);
      previous = p;
    }
  }

  // Character n-grams over whitespace-collapsed text, hashed incrementally: no substrings.
  const chars = lower.replace(/\s+/g, " ");
  const [minN, maxN] = options.charNgrams;
  for (let start = 0; start + minN <= chars.length; start++) {
    let c = FNV_OFFSET ^ NS_CHAR;
    for (let n = 1; n <= maxN && start + n <= chars.length; n++) {
      c = Math.imul(c ^ chars.charCodeAt(start + n - 1), FNV_PRIME);
      if (n >= minN) add(c ^ n);
    }
  }

  // Prompt length (log2 buckets) is a real signal: long, multi-part asks tend to be harder.
  add(Math.imul(FNV_OFFSET ^ NS_LENGTH, FNV_PRIME) ^ Math.min(16, Math.floor(Math.log2(1 + text.length))));

  const indices: number[] = [];
  const values: number[] = [];
  let norm = 0;
  // Walk the table once, collecting and clearing it for the next call.
  const { slots, counts } = table;
  for (let slot = 0; slot < size && table.used > 0; slot++) {
    const index = slots[slot] as number;
    if (index === -1) continue;
    const c = counts[slot] as number;
    slots[slot] = -1;
    counts[slot] = 0;
    table.used--;
    if (c === 0) continue;
    const v = Math.sign(c) * Math.log1p(Math.abs(c));
    indices.push(index);
    values.push(v);
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return { indices: Int32Array.from(indices), values: Float32Array.from(values, (v) => v * scale) };
};
