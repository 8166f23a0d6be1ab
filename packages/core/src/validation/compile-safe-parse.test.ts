import { inspect, isDeepStrictEqual } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { util } from "zod/v4/core";
import { seededRandom } from "../learned-router/seeded-random.js";
import { compileSafeParse } from "./compile-safe-parse.js";

/*
 * compileSafeParse is judged against zod itself: for every (schema, input) the compiled parser
 * must give zod's verdict, and zod's own issues when it rejects. The only thing it may do
 * differently is hand back the input itself (unknown keys kept) when its predicates accept.
 *
 * The reference is `z.safeParse(schema, input)`, not `schema.safeParse(input)`, so a spy on
 * the schema's method counts only the calls the compiled parser makes, i.e. its falls back to zod.
 *
 * The providers' real wire schemas (OpenAICompatibleChatResponse / ChatChunk) are not imported:
 * no test under packages/core/src imports another package (core must not depend on providers),
 * so a local replica of their shape stands in ("wire-shaped chat response" below).
 */

type Parse = (input: unknown) => z.ZodSafeParseResult<unknown>;

const show = (value: unknown): string => inspect(value, { depth: 6, breakLength: Infinity });

/** How the compiled parser and zod disagree on one input, or undefined when they agree. */
const disagreement = (schema: z.ZodType, parse: Parse, input: unknown): string | undefined => {
  const expected = z.safeParse(schema, input);
  let actual: z.ZodSafeParseResult<unknown>;
  try {
    actual = parse(input);
  } catch (error) {
    return `compiled parser threw ${String(error)}; zod success=${expected.success}`;
  }
  if (actual.success && expected.success) {
    // The fast path hands back the input itself; the zod path must give zod's data.
    return actual.data === input || isDeepStrictEqual(actual.data, expected.data) ? undefined : `data ${show(actual.data)} vs zod ${show(expected.data)}`;
  }
  if (!actual.success && !expected.success) {
    return isDeepStrictEqual(actual.error.issues, expected.error.issues) ? undefined : `issues ${show(actual.error.issues)} vs zod ${show(expected.error.issues)}`;
  }
  return `compiled success=${actual.success}, zod success=${expected.success}${expected.success ? "" : ` (${show(expected.error.issues)})`}`;
};

/** Every disagreement over `inputs`, each described with its input (an empty list when all agree). */
const disagreements = (schema: z.ZodType, parse: Parse, inputs: Iterable<unknown>): string[] => {
  const found: string[] = [];
  for (const input of inputs) {
    const d = disagreement(schema, parse, input);
    if (d !== undefined) found.push(`${show(input)}: ${d}`);
  }
  return found;
};

/** Calls `parse(input)` and says whether it fell back to `schema.safeParse`. */
const fellBackToZod = (schema: z.ZodType, parse: Parse, input: unknown): boolean => {
  const spy = vi.spyOn(schema, "safeParse");
  try {
    parse(input);
    return spy.mock.calls.length > 0;
  } finally {
    spy.mockRestore();
  }
};

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

class Point {
  x = 1;
  y = 2;
}
/** An empty class: its instances are objects to z.object but not plain objects to z.record. */
class Bag {}

const SMILE = "😀"; // one code point, two UTF-16 units
const LONE_HIGH = "\uD83D";
const LONE_LOW = "\uDE00";

/** Values of every odd kind, thrown at every schema. */
const EXOTIC: ReadonlyArray<unknown> = [
  undefined,
  null,
  NaN,
  Infinity,
  -Infinity,
  0,
  -0,
  1,
  1.5,
  2 ** 31,
  2 ** 53,
  -(2 ** 53),
  Number.MAX_VALUE,
  "",
  "a",
  SMILE.repeat(16),
  LONE_HIGH,
  true,
  false,
  1n,
  Symbol("s"),
  () => 1,
  [],
  [undefined],
  [null],
  [1, "a"],
  {},
  new Date(0),
  new Map([["a", 1]]),
  new Set([1]),
  new Point(),
  new Bag(),
  new String("a"), // boxed primitives are objects, not strings/numbers
  new Number(1),
  new Boolean(true),
  /re/,
  new Uint8Array(2),
  Object.create(null),
  Object.create({ inherited: 1 }),
  // JSON.parse makes `__proto__` an own key (an object literal would set the prototype instead).
  JSON.parse('{"__proto__":1}'),
  JSON.parse('{"__proto__":{"a":"x"},"a":"y"}'),
  { a: "x", [Symbol("k")]: 1 },
  Object.defineProperty({ a: "x" }, "hidden", { value: 1, enumerable: false }),
];

/** What `mutations` puts in place of a node: a value of every other kind, and the usual limit-breakers. */
const REPLACEMENTS: ReadonlyArray<unknown> = [undefined, null, NaN, Infinity, -0, 1.5, 2 ** 53, "", SMILE.repeat(17), LONE_HIGH, true, [], {}, new Date(0)];

const isRecordLike = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Every single-point mutation of `value`: at each depth, the node replaced by a value of another
 * kind, each object key removed, an unknown key added, each array element removed or replaced.
 */
function* mutations(value: unknown): Generator<unknown> {
  yield* REPLACEMENTS;
  if (Array.isArray(value)) {
    yield [...value, "extra"];
    for (let i = 0; i < value.length; i++) {
      yield value.filter((_, j) => j !== i);
      for (const m of mutations(value[i])) {
        const copy = [...value];
        copy[i] = m;
        yield copy;
      }
    }
  } else if (isRecordLike(value) && !(value instanceof Date)) {
    yield { ...value, extra: 1 };
    for (const key of Object.keys(value)) {
      const { [key]: _removed, ...rest } = value;
      yield rest;
      for (const m of mutations(value[key])) yield { ...value, [key]: m };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Seeded random inputs, shaped by the schema
// ---------------------------------------------------------------------------------------------

type Rng = () => number;

const below = (rng: Rng, n: number): number => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: ReadonlyArray<T>): T => items[below(rng, items.length)] as T;

// Two adjacent picks of the lone halves can form a pair: the code-point counts get exercised both ways.
const CHARS = ["a", "Z", "é", " ", "\u0000", SMILE, LONE_HIGH, LONE_LOW];
const randomString = (rng: Rng): string => {
  let s = "";
  for (let n = below(rng, 20); n > 0; n--) s += pick(rng, CHARS);
  return s;
};
const NUMBERS = [
  0, -0, 1, -1, 2, -2, 3, -3, 0.5, 1.5, -2.5, 1.999, 2.0001, -2.0001, 42, Number.EPSILON, Number.MIN_VALUE,
  2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, 2 ** 53, -(2 ** 53 - 1), -(2 ** 53),
  3.4e38, 3.5e38, -3.5e38, Number.MAX_VALUE, -Number.MAX_VALUE, NaN, Infinity, -Infinity,
];
const KEYS = ["a", "b", "id", "type", "text", "name", "", "0", "constructor", "toString", "a b", SMILE];

const randomJson = (rng: Rng, depth: number): unknown => {
  const r = rng();
  if (depth <= 0 || r < 0.6) {
    const p = rng();
    if (p < 0.3) return randomString(rng);
    if (p < 0.65) return pick(rng, NUMBERS);
    if (p < 0.75) return rng() < 0.5;
    return p < 0.9 ? null : undefined;
  }
  if (r < 0.8) return Array.from({ length: below(rng, 4) }, () => randomJson(rng, depth - 1));
  const o: Record<string, unknown> = {};
  for (let n = below(rng, 4); n > 0; n--) o[pick(rng, KEYS.filter((k) => k !== "constructor"))] = randomJson(rng, depth - 1);
  return o;
};

/** A fresh object to fill: usually plain, sometimes without a prototype or a class instance. */
const container = (rng: Rng): Record<string, unknown> => {
  const r = rng();
  if (r < 0.06) return Object.create(null) as Record<string, unknown>;
  if (r < 0.1) return new Bag() as unknown as Record<string, unknown>;
  return {};
};

/** Occasionally gives `o` an unknown key, an own `__proto__`, a symbol key or a non-enumerable key. */
const decorate = (rng: Rng, o: Record<string, unknown>, depth: number): Record<string, unknown> => {
  if (rng() < 0.2) o[`extra${below(rng, 3)}`] = randomJson(rng, depth - 1);
  if (rng() < 0.04) Object.defineProperty(o, "__proto__", { value: randomJson(rng, 0), enumerable: true, configurable: true, writable: true });
  if (rng() < 0.04) Object.defineProperty(o, Symbol("s"), { value: 1, enumerable: true });
  if (rng() < 0.04) Object.defineProperty(o, `hidden${below(rng, 2)}`, { value: randomJson(rng, 0), enumerable: false });
  return o;
};

/** The parts of a schema's def the generator reads (zod types them per kind). */
interface DefView {
  readonly type: string;
  readonly innerType?: z.core.$ZodType;
  readonly element?: z.core.$ZodType;
  readonly shape?: Readonly<Record<string, z.core.$ZodType>>;
  readonly options?: ReadonlyArray<z.core.$ZodType>;
  readonly valueType?: z.core.$ZodType;
}
const defView = (schema: z.core.$ZodType): DefView => schema._zod.def as unknown as DefView;

/**
 * A value shaped after `schema`, with a small chance at every node of something else instead:
 * so most values are valid or nearly valid, and the invalid ones go wrong at every depth.
 * The oracle is zod, so the generator only has to be varied, not exact.
 */
const sample = (schema: z.core.$ZodType, rng: Rng, depth: number): unknown => {
  if (rng() < 0.06) return rng() < 0.5 ? pick(rng, EXOTIC) : randomJson(rng, 2);
  const def = defView(schema);
  switch (def.type) {
    case "string":
      return randomString(rng);
    case "number":
      return pick(rng, NUMBERS);
    case "boolean":
      return rng() < 0.5;
    case "null":
      return null;
    case "undefined":
      return undefined;
    case "literal":
    case "enum":
      return pick(rng, [...(schema._zod.values ?? [])]);
    case "optional":
      return rng() < 0.25 ? undefined : sample(def.innerType as z.core.$ZodType, rng, depth);
    case "nullable":
      return rng() < 0.25 ? null : sample(def.innerType as z.core.$ZodType, rng, depth);
    case "array": {
      const items = Array.from({ length: below(rng, 5) }, () => sample(def.element as z.core.$ZodType, rng, depth - 1));
      if (items.length > 1 && rng() < 0.03) delete items[0]; // a hole reads as undefined
      return items;
    }
    case "object": {
      const o = container(rng);
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        const r = rng();
        if (r < 0.05) continue; // missing
        o[key] = r < 0.09 ? undefined : sample(field, rng, depth - 1); // present but undefined, or a value
      }
      return decorate(rng, o, depth);
    }
    case "union":
      return sample(pick(rng, def.options ?? []), rng, depth);
    case "record": {
      const o = container(rng);
      for (let n = below(rng, 4); n > 0; n--) o[pick(rng, KEYS)] = sample(def.valueType as z.core.$ZodType, rng, depth - 1);
      return decorate(rng, o, depth);
    }
    default:
      return randomJson(rng, depth);
  }
};

// ---------------------------------------------------------------------------------------------
// The supported schemas, with inputs
// ---------------------------------------------------------------------------------------------

interface Case {
  readonly schema: z.ZodType;
  /** Inputs zod accepts, which the predicates must accept too (the fast path: no call to zod). */
  readonly valid: ReadonlyArray<unknown>;
  /** Inputs zod rejects. */
  readonly invalid: ReadonlyArray<unknown>;
  /** Inputs where only agreement is asserted: zod may go either way, the predicates may defer to it. */
  readonly edge?: ReadonlyArray<unknown>;
}

const Level = { Low: 1, High: "high" } as const;

const ContentPart = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("image"), url: z.string().min(1), detail: z.enum(["low", "high"]).optional() }),
  z.object({ type: z.literal(["tool_a", "tool_b"]), args: z.record(z.string(), z.unknown()) }),
]);

/** A replica of the providers' OpenAI-compatible chat response: the shape real wire decoders use. */
const ChatResponseLike = z.object({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          tool_calls: z.array(z.object({ id: z.string().nullish(), function: z.object({ name: z.string(), arguments: z.string().nullish() }) })).nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: z
    .object({
      prompt_tokens: z.number().int().nonnegative().nullish(),
      completion_tokens: z.number().int().nonnegative().nullish(),
      prompt_tokens_details: z.object({ cached_tokens: z.number().int().nonnegative().nullish() }).nullish(),
    })
    .nullish(),
});

const chatResponse = {
  id: "chatcmpl-1",
  model: "m",
  choices: [
    {
      message: { content: null, tool_calls: [{ id: "call_1", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
      finish_reason: "tool_calls",
    },
  ],
  usage: { prompt_tokens: 12, completion_tokens: 3, prompt_tokens_details: { cached_tokens: 0 } },
  service_tier: "default", // unknown key
};

const flatObject = { id: "a", count: 1, ok: true };

const cases: Readonly<Record<string, Case>> = {
  // --- primitives
  "z.string()": { schema: z.string(), valid: ["", "abc", SMILE, LONE_HIGH], invalid: [1, null, undefined, ["a"], new String("a")] },
  "z.string().min(1)": { schema: z.string().min(1), valid: ["a", SMILE, LONE_LOW, " "], invalid: ["", 0] },
  "z.string().max(16)": {
    schema: z.string().max(16),
    // 16 emoji are 32 units but 16 code points: accepted only if code points are counted.
    valid: ["", "a".repeat(16), SMILE.repeat(16), SMILE.repeat(8), `${SMILE.repeat(15)}a`],
    invalid: ["a".repeat(17), SMILE.repeat(17), `${SMILE.repeat(15)}ab`, LONE_HIGH.repeat(17)],
    // low-then-high halves: only the middle ones pair up, so the count sits between units/2 and units.
    edge: [`${LONE_LOW}${LONE_HIGH}`.repeat(8), `${LONE_LOW}${LONE_HIGH}`.repeat(9), `${LONE_HIGH}${SMILE.repeat(15)}`],
  },
  "z.string().length(3)": {
    schema: z.string().length(3),
    valid: ["abc", SMILE.repeat(3), `a${SMILE}b`, LONE_HIGH.repeat(3)],
    invalid: ["ab", "abcd", SMILE.repeat(2), SMILE.repeat(4), `${SMILE}${SMILE}${LONE_HIGH}${LONE_HIGH}`],
    edge: [`${LONE_HIGH}${LONE_LOW}${LONE_HIGH}`, `${LONE_LOW}${LONE_HIGH}${LONE_LOW}${LONE_HIGH}`],
  },
  "z.string().min(2).max(4)": { schema: z.string().min(2).max(4), valid: ["ab", SMILE.repeat(2), SMILE.repeat(4), `a${SMILE}`], invalid: [SMILE, "abcde", `${SMILE.repeat(4)}a`] },
  "z.number()": {
    schema: z.number(),
    valid: [0, -0, 1.5, -1e308, Number.MAX_VALUE, Number.MIN_VALUE],
    invalid: [NaN, Infinity, -Infinity, "1", 1n, null, new Number(1)],
  },
  "z.number().int()": { schema: z.number().int(), valid: [0, -0, 42, -7, 2 ** 53 - 1, -(2 ** 53 - 1)], invalid: [1.5, 2 ** 53, -(2 ** 53), NaN, Infinity, "1"] },
  // -0 >= 0 holds in JS and in zod: -0 is a nonnegative int.
  "z.number().int().nonnegative()": { schema: z.number().int().nonnegative(), valid: [0, -0, 1, 2 ** 53 - 1], invalid: [-1, 0.5, 2 ** 53, -(2 ** 53)] },
  "z.number().min(-2).max(2)": { schema: z.number().min(-2).max(2), valid: [-2, 2, 0, 1.999, -0], invalid: [-2.0001, 2.0001, NaN, -Infinity] },
  "z.number().gt(0).lt(1)": { schema: z.number().gt(0).lt(1), valid: [0.5, Number.MIN_VALUE, 1 - Number.EPSILON], invalid: [0, -0, 1, 2] },
  "z.number().positive()": { schema: z.number().positive(), valid: [1e-300, 2 ** 60], invalid: [0, -0, -1e-300] },
  "z.int()": { schema: z.int(), valid: [0, 2 ** 53 - 1], invalid: [0.1, 2 ** 53, "1"] },
  "z.int32()": { schema: z.int32(), valid: [2 ** 31 - 1, -(2 ** 31), 0], invalid: [2 ** 31, -(2 ** 31) - 1, 1.5] },
  "z.uint32()": { schema: z.uint32(), valid: [0, 2 ** 32 - 1], invalid: [-1, 2 ** 32, 0.5] },
  "z.float32()": { schema: z.float32(), valid: [3.4e38, -3.4e38, 1.5, 0], invalid: [3.5e38, -3.5e38, Number.MAX_VALUE, NaN] },
  "z.float64()": { schema: z.float64(), valid: [Number.MAX_VALUE, -Number.MAX_VALUE, 0.1], invalid: [Infinity, -Infinity, NaN] },
  "z.boolean()": { schema: z.boolean(), valid: [true, false], invalid: [0, 1, "true", null, new Boolean(true)] },
  "z.null()": { schema: z.null(), valid: [null], invalid: [undefined, 0, "null"] },
  "z.undefined()": { schema: z.undefined(), valid: [undefined], invalid: [null, 0, ""] },
  "z.any()": { schema: z.any(), valid: [undefined, null, NaN, {}, [], Symbol("s")], invalid: [] },
  "z.unknown()": { schema: z.unknown(), valid: [undefined, null, 0, "x", new Map()], invalid: [] },

  // --- literals and enums
  "z.literal(1)": { schema: z.literal(1), valid: [1], invalid: ["1", true, 1.0000001, new Number(1), 2], edge: [1n] },
  // A Set matches -0 to 0 (SameValueZero), and so does zod.
  "z.literal(0)": { schema: z.literal(0), valid: [0, -0], invalid: ["0", false, null] },
  'z.literal(["a", 2, true, null])': { schema: z.literal(["a", 2, true, null]), valid: ["a", 2, true, null], invalid: ["A", 3, false, undefined, "2"] },
  "z.enum([...])": { schema: z.enum(["red", "green", "blue"]), valid: ["red", "blue"], invalid: ["Red", "", 0, "redd"] },
  "z.enum(object)": { schema: z.enum(Level), valid: [1, "high"], invalid: ["Low", "High", 2, "1"] },

  // --- optional / nullable
  "z.string().optional()": { schema: z.string().optional(), valid: [undefined, "a"], invalid: [null, 0] },
  "z.number().nullable()": { schema: z.number().nullable(), valid: [null, 1], invalid: [undefined, NaN] },
  "z.string().nullish()": { schema: z.string().nullish(), valid: [null, undefined, "x"], invalid: [0, false] },
  "z.string().min(1).optional()": { schema: z.string().min(1).optional(), valid: [undefined, "a"], invalid: ["", null] },

  // --- arrays
  "z.array(z.string())": {
    schema: z.array(z.string()),
    valid: [[], ["a", "b"]],
    invalid: [["a", 1], "ab", { 0: "a", length: 1 }, new Set(["a"]), [undefined]],
    // A hole reads as undefined: z.string() rejects it.
    edge: [[, "a"]],
  },
  "z.array(z.number()).min(1).max(3)": { schema: z.array(z.number()).min(1).max(3), valid: [[1], [1, 2, 3]], invalid: [[], [1, 2, 3, 4], [NaN], [1, "2"]] },
  "z.array(z.string()).length(2)": { schema: z.array(z.string()).length(2), valid: [["a", "b"]], invalid: [["a"], ["a", "b", "c"]] },
  "z.array(z.array(z.number().int()))": { schema: z.array(z.array(z.number().int())), valid: [[[1], [2, 3], []], [], [[]]], invalid: [[[1.5]], [1], [[1], null], [[2 ** 53]]] },
  "z.array(z.unknown())": { schema: z.array(z.unknown()), valid: [[undefined, null, {}], []], invalid: [{}, "x"], edge: [[, 1]] },
  "z.array(z.string().optional())": { schema: z.array(z.string().optional()), valid: [[undefined, "a"]], invalid: [[null]], edge: [[, "a"]] },

  // --- objects
  "flat object": {
    schema: z.object({ id: z.string(), count: z.number().int(), ok: z.boolean() }),
    valid: [
      flatObject,
      { ...flatObject, extra: 1 }, // unknown keys are kept, not a reason to defer
      Object.assign(Object.create(null), flatObject), // no prototype: still an object to zod
      Object.assign(new Bag(), flatObject), // a class instance: z.object takes any non-array object
      JSON.parse('{"__proto__":1,"id":"a","count":1,"ok":true}'), // an own __proto__ key is just an unknown key
      { ...flatObject, [Symbol("s")]: 1 },
    ],
    invalid: [
      { id: "a", count: 1 }, // missing
      { id: "a", count: 1, ok: undefined }, // present but undefined
      { id: 1, count: 1, ok: true },
      { id: "a", count: 1.5, ok: true },
      { id: "a", count: NaN, ok: true },
      [],
      null,
      "x",
      new Date(0),
    ],
    // zod reads fields with `input[key]` and `key in input`, so the prototype chain and
    // non-enumerable own keys can supply them.
    edge: [Object.assign(Object.create({ ok: true }), { id: "a", count: 1 }), Object.defineProperty({ id: "a", count: 1 }, "ok", { value: true, enumerable: false })],
  },
  "object with optional / nullable / nullish fields": {
    schema: z.object({
      a: z.string().optional(),
      b: z.number().nullable(),
      c: z.string().nullish(),
      // A union with an optional option lets its key be absent.
      d: z.union([z.string().optional(), z.number()]),
    }),
    valid: [{ b: null }, { a: undefined, b: 1, c: null, d: undefined }, { a: "x", b: 0, c: "y", d: 2 }, { b: 1, c: undefined, d: "s" }],
    // nullable is not optional: `b` must be present and not undefined.
    invalid: [{}, { b: undefined }, { a: null, b: 1 }, { b: 1, d: null }, { b: 1, c: 0 }],
  },
  "object with unknown / any fields": {
    schema: z.object({ a: z.unknown(), b: z.any() }),
    // Present-but-undefined passes z.unknown(); an absent key does not ("nonoptional").
    valid: [{ a: undefined, b: undefined }, { a: null, b: 0 }, { a: {}, b: [] }],
    invalid: [{}, { a: 1 }, { b: 1 }],
  },
  "object with a z.undefined() field": {
    schema: z.object({ u: z.undefined() }),
    // z.undefined() accepts undefined but does not make its key optional.
    valid: [{ u: undefined }],
    invalid: [{}, { u: null }],
  },
  "z.object({})": { schema: z.object({}), valid: [{}, { a: 1 }, new Date(0), new Map(), Object.create(null)], invalid: [[], null, "x", 1, undefined] },
  "object keys named like Object.prototype members": {
    schema: z.object({ constructor: z.unknown(), toString: z.string().optional() }),
    // `{}` inherits both: `constructor` is Object (fine for unknown), `toString` a function (not a string).
    valid: [{ toString: "x" }, { constructor: 1, toString: undefined }],
    invalid: [{}, Object.create(null), { toString: 1 }],
  },
  "nested object": {
    schema: z.object({
      user: z.object({ name: z.string().min(1).max(16), tags: z.array(z.string().min(1)).max(3) }),
      scores: z.array(z.number().min(-2).max(2)),
      meta: z.record(z.string(), z.unknown()).optional(),
    }),
    valid: [
      { user: { name: "ada", tags: [] }, scores: [] },
      { user: { name: SMILE.repeat(16), tags: ["a", "b", "c"], extra: true }, scores: [-2, 0, 2], meta: { any: [1] } },
      { user: { name: "x", tags: [SMILE] }, scores: [1.5], meta: undefined },
    ],
    invalid: [
      { user: { name: "", tags: [] }, scores: [] },
      { user: { name: "a".repeat(17), tags: [] }, scores: [] },
      { user: { name: "a", tags: ["a", "b", "c", "d"] }, scores: [] },
      { user: { name: "a", tags: [""] }, scores: [] },
      { user: { name: "a", tags: [] }, scores: [3] },
      { user: { name: "a", tags: [] }, scores: [], meta: [] },
      { user: { name: "a", tags: [] }, scores: [], meta: null },
      { user: [], scores: [] },
      { user: { name: "a" }, scores: [] },
      { scores: [] },
    ],
  },

  // --- unions
  "z.union([string.max(3), int])": { schema: z.union([z.string().max(3), z.number().int()]), valid: ["abc", 7, SMILE.repeat(3)], invalid: ["abcd", 1.5, null, []] },
  "union of objects": {
    schema: z.union([z.object({ kind: z.literal("a"), a: z.string() }), z.object({ b: z.array(z.number()) })]),
    valid: [{ kind: "a", a: "x" }, { b: [] }, { kind: "zzz", b: [1] }],
    invalid: [{ kind: "a" }, {}, { b: {} }, { kind: "a", a: 1 }, null],
  },
  "union with null": { schema: z.union([z.null(), z.object({ x: z.number() })]), valid: [null, { x: 1 }], invalid: [undefined, {}, { x: null }] },
  "discriminatedUnion": {
    schema: ContentPart,
    valid: [
      { type: "text", text: "hi" },
      { type: "image", url: "u", detail: "low" },
      { type: "image", url: "u", extra: 1 },
      { type: "tool_b", args: {} },
    ],
    invalid: [
      { type: "text" },
      { type: "video", text: "x" },
      { text: "x" },
      { type: "image", url: "u", detail: "mid" },
      { type: "image", url: "" },
      { type: "tool_a", args: [] },
      [],
      null,
      { type: undefined, text: "x" },
    ],
  },
  "nested discriminatedUnion": {
    schema: z.discriminatedUnion("role", [
      z.object({ role: z.literal("system"), content: z.string() }),
      z.object({ role: z.literal("user"), content: z.union([z.string(), z.array(ContentPart).min(1)]) }),
      z.object({ role: z.literal("assistant"), content: z.string().nullable(), name: z.string().optional() }),
    ]),
    valid: [
      { role: "system", content: "be brief" },
      { role: "user", content: [{ type: "text", text: "hi" }, { type: "image", url: "u" }] },
      { role: "assistant", content: null },
    ],
    invalid: [{ role: "user", content: [] }, { role: "user", content: [{ type: "text" }] }, { role: "assistant" }, { role: "tool", content: "x" }],
  },

  // --- records
  "z.record(z.string(), z.string())": {
    schema: z.record(z.string(), z.string()),
    valid: [{}, { a: "x", "": "y", [SMILE]: "z" }, Object.assign(Object.create(null), { a: "x" })],
    invalid: [{ a: 1 }, { a: "x", b: undefined }, [], new Map(), new Point(), new Date(0), null, { a: "x", [Symbol("s")]: "y" }],
    edge: [
      JSON.parse('{"__proto__":"x","a":"y"}'), // zod skips an own __proto__ key
      JSON.parse('{"__proto__":1}'),
      Object.defineProperty({ a: "x" }, "hidden", { value: 1, enumerable: false }), // zod skips non-enumerable keys
      Object.defineProperty({ a: "x" }, Symbol("hidden"), { value: 1, enumerable: false }),
      Object.create({ inherited: 1 }), // inherited keys are not the record's
      { constructor: "x" },
    ],
  },
  "z.record(z.string(), z.unknown())": {
    schema: z.record(z.string(), z.unknown()),
    valid: [{}, { a: undefined, b: null, c: [] }],
    invalid: [[], "x", null, new Point(), new Map()],
    edge: [JSON.parse('{"__proto__":1}'), { [Symbol("s")]: 1 }, Object.defineProperty({}, "hidden", { value: 1, enumerable: false })],
  },
  "record of objects": {
    schema: z.record(z.string(), z.object({ n: z.number() })),
    valid: [{ a: { n: 1 }, b: { n: 2, extra: 1 } }],
    invalid: [{ a: { n: "1" } }, { a: null }, { a: {} }],
  },

  // --- a realistic wire payload
  "wire-shaped chat response": {
    schema: ChatResponseLike,
    valid: [chatResponse, { choices: [{ message: {} }] }, { choices: [{ message: { content: "hi" }, finish_reason: null }], usage: null }],
    invalid: [{ choices: [] }, { choices: [{}] }, { choices: [{ message: { tool_calls: [{ function: {} }] } }] }, { choices: [{ message: {} }], usage: { prompt_tokens: -1 } }],
  },
};

// ---------------------------------------------------------------------------------------------
// 1. Differential agreement with zod
// ---------------------------------------------------------------------------------------------

const RANDOM_INPUTS = 2_000;

describe("compileSafeParse agrees with zod", () => {
  for (const [name, c] of Object.entries(cases)) {
    describe(name, () => {
      const parse = compileSafeParse(c.schema);

      it("the inputs are labelled right (zod accepts the valid ones, rejects the invalid ones)", () => {
        expect(c.valid.filter((v) => !z.safeParse(c.schema, v).success).map(show)).toEqual([]);
        expect(c.invalid.filter((v) => z.safeParse(c.schema, v).success).map(show)).toEqual([]);
      });

      it("accepts every valid input on the fast path: no call to zod, the input itself returned", () => {
        const deferred = c.valid.filter((v) => fellBackToZod(c.schema, parse, v)).map(show);
        expect(deferred).toEqual([]);
        for (const v of c.valid) {
          const result = parse(v);
          expect(result.success).toBe(true);
          if (result.success) expect(result.data).toBe(v);
        }
      });

      it("rejects every invalid input with zod's own issues", () => {
        for (const v of c.invalid) {
          const result = parse(v);
          const expected = z.safeParse(c.schema, v);
          expect(result.success, show(v)).toBe(false);
          expect(expected.success).toBe(false);
          if (!result.success && !expected.success) expect(result.error.issues).toEqual(expected.error.issues);
        }
      });

      it("agrees on edge cases and on exotic values (Date, Map, class instances, NaN, symbols, __proto__...)", () => {
        expect(disagreements(c.schema, parse, [...c.valid, ...c.invalid, ...(c.edge ?? []), ...EXOTIC])).toEqual([]);
      });

      it("agrees on every single-point mutation of the valid inputs (wrong kinds at each depth, keys removed or added)", () => {
        const mutated = c.valid.flatMap((v) => [...mutations(v)]);
        expect(mutated.length).toBeGreaterThan(0);
        expect(disagreements(c.schema, parse, mutated)).toEqual([]);
      });

      it(`agrees on ${RANDOM_INPUTS} seeded random inputs shaped like the schema`, () => {
        const rng = seededRandom(0x5eed ^ name.length * 7919);
        const inputs = Array.from({ length: RANDOM_INPUTS }, () => sample(c.schema, rng, 4));
        expect(disagreements(c.schema, parse, inputs)).toEqual([]);

        // The corpus is not vacuous: zod accepts some of it, and some of that takes the fast path.
        const spy = vi.spyOn(c.schema, "safeParse");
        let acceptedByZod = 0;
        let fast = 0;
        try {
          for (const input of inputs) {
            if (z.safeParse(c.schema, input).success) acceptedByZod++;
            const calls = spy.mock.calls.length;
            parse(input);
            if (spy.mock.calls.length === calls) fast++;
          }
        } finally {
          spy.mockRestore();
        }
        expect(acceptedByZod).toBeGreaterThan(0);
        expect(fast).toBeGreaterThan(0);
        expect(fast).toBeLessThanOrEqual(acceptedByZod);
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------
// 1b. The same, for objects checked without generated code (a strict CSP, zod's jitless mode)
// ---------------------------------------------------------------------------------------------

/**
 * Compiles `schema` as if `new Function` were not allowed: zod's `allowsEval` reads false, and
 * `Function` itself throws, so the test fails if the eval path were taken anyway.
 */
const compileWithoutEval = (schema: z.ZodType): Parse => {
  const functionDescriptor = Object.getOwnPropertyDescriptor(globalThis, "Function") as PropertyDescriptor;
  Object.defineProperty(util.allowsEval, "value", { value: false, configurable: true });
  Object.defineProperty(globalThis, "Function", {
    ...functionDescriptor,
    value: () => {
      throw new Error("new Function called although eval is not allowed");
    },
  });
  try {
    return compileSafeParse(schema);
  } finally {
    Object.defineProperty(globalThis, "Function", functionDescriptor);
    Reflect.deleteProperty(util.allowsEval, "value"); // back to zod's cached getter
  }
};

describe("compileSafeParse without new Function (interpreted object check)", () => {
  it("leaves the environment as it found it", () => {
    compileWithoutEval(z.object({ a: z.string() }));
    expect(util.allowsEval.value).toBe(true);
    expect(new Function("return 1")()).toBe(1);
  });

  const objectCases = Object.entries(cases).filter(([, c]) => c.valid.some((v) => typeof v === "object" && v !== null));
  for (const [name, c] of objectCases) {
    it(`${name}: fast path for the valid inputs, agreement on everything else`, () => {
      const parse = compileWithoutEval(c.schema);
      expect(c.valid.filter((v) => fellBackToZod(c.schema, parse, v)).map(show)).toEqual([]);
      const rng = seededRandom(0xc5b ^ name.length);
      const inputs = [
        ...c.valid,
        ...c.invalid,
        ...(c.edge ?? []),
        ...EXOTIC,
        ...c.valid.flatMap((v) => [...mutations(v)]),
        ...Array.from({ length: RANDOM_INPUTS / 2 }, () => sample(c.schema, rng, 4)),
      ];
      expect(disagreements(c.schema, parse, inputs)).toEqual([]);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// 2. The fast path is really taken
// ---------------------------------------------------------------------------------------------

describe("compileSafeParse fast path", () => {
  it("returns the very input object, unknown keys kept (zod's own parse would strip them)", () => {
    const schema = z.object({ id: z.string(), items: z.array(z.object({ n: z.number() })) });
    const input = { id: "x", items: [{ n: 1, note: "kept" }], extra: { deep: true } };
    const result = compileSafeParse(schema)(input);
    expect(result).toEqual({ success: true, data: input });
    if (!result.success) return;
    expect(result.data).toBe(input);
    expect(result.data.items[0]).toBe(input.items[0]);
    expect(result.data).toHaveProperty("extra", { deep: true });
    // The difference by design: zod would have built a stripped copy.
    expect(schema.safeParse(input).data).toEqual({ id: "x", items: [{ n: 1 }] });
  });

  it("returns the very array, record and discriminated-union member", () => {
    const array = [{ type: "text", text: "a" }, { type: "image", url: "u" }];
    const arrayResult = compileSafeParse(z.array(ContentPart))(array);
    expect(arrayResult.success && arrayResult.data).toBe(array);

    const record = { a: "x", b: "y" };
    const recordResult = compileSafeParse(z.record(z.string(), z.string()))(record);
    expect(recordResult.success && recordResult.data).toBe(record);

    const part = { type: "tool_a", args: { q: 1 }, extra: 2 };
    const partResult = compileSafeParse(ContentPart)(part);
    expect(partResult.success && partResult.data).toBe(part);
  });

  it("does not call zod for a valid primitive, and calls it for an invalid one", () => {
    const schema = z.number().int().nonnegative();
    const parse = compileSafeParse(schema);
    expect(fellBackToZod(schema, parse, 5)).toBe(false);
    expect(fellBackToZod(schema, parse, -5)).toBe(true);
  });

  it("keeps answering the same way call after call (no state carried between inputs)", () => {
    const schema = z.object({ a: z.string().max(2) });
    const parse = compileSafeParse(schema);
    const good = { a: "ok" };
    const bad = { a: "long" };
    const verdicts = [good, bad, good, bad, good].map((v) => parse(v).success);
    expect(verdicts).toEqual([true, false, true, false, true]);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Unsupported schemas always go to zod
// ---------------------------------------------------------------------------------------------

interface Unsupported {
  readonly schema: z.ZodType;
  readonly inputs: ReadonlyArray<unknown>;
}

const unsupported: Readonly<Record<string, Unsupported>> = {
  ".transform": { schema: z.string().transform((s) => s.length), inputs: ["abc", 1] },
  ".default": { schema: z.object({ a: z.string().default("d") }), inputs: [{}, { a: "x" }, { a: 1 }] },
  ".optional().default()": { schema: z.string().optional().default("d"), inputs: [undefined, "x", 1] },
  ".refine": { schema: z.number().refine((n) => n % 2 === 0, "even"), inputs: [2, 3, "x"] },
  ".refine on an object": { schema: z.object({ a: z.number(), b: z.number() }).refine((o) => o.a < o.b), inputs: [{ a: 1, b: 2, c: 3 }, { a: 2, b: 1 }] },
  ".superRefine": { schema: z.string().superRefine((s, ctx) => (s === "bad" ? ctx.addIssue({ code: "custom", message: "bad" }) : undefined)), inputs: ["ok", "bad"] },
  "z.string().email()": { schema: z.string().email(), inputs: ["a@b.co", "nope", 1] },
  "z.email()": { schema: z.email(), inputs: ["a@b.co", "nope"] },
  "z.string().url()": { schema: z.string().url(), inputs: ["https://x.dev", "nope"] },
  "z.string().regex()": { schema: z.string().regex(/^a+$/), inputs: ["aaa", "b"] },
  "z.string().startsWith()": { schema: z.string().startsWith("sk-"), inputs: ["sk-1", "pk-1"] },
  "z.string().trim()": { schema: z.string().trim(), inputs: ["  x  ", 1] },
  "z.number().multipleOf()": { schema: z.number().multipleOf(5), inputs: [10, 11] },
  "z.strictObject": { schema: z.strictObject({ a: z.string() }), inputs: [{ a: "x" }, { a: "x", b: 1 }] },
  ".strict()": { schema: z.object({ a: z.string() }).strict(), inputs: [{ a: "x" }, { a: "x", b: 1 }] },
  "z.looseObject": { schema: z.looseObject({ a: z.string() }), inputs: [{ a: "x", b: 1 }, { b: 1 }] },
  ".catchall": { schema: z.object({ a: z.string() }).catchall(z.number()), inputs: [{ a: "x", b: 1 }, { a: "x", b: "y" }] },
  "z.lazy": { schema: z.lazy(() => z.object({ a: z.string() })), inputs: [{ a: "x", b: 1 }, { a: 1 }] },
  "z.coerce.number()": { schema: z.coerce.number(), inputs: ["42", "x", 7] },
  "z.coerce.string() in an object": { schema: z.object({ s: z.coerce.string() }), inputs: [{ s: 1 }, { s: "x" }] },
  ".pipe": { schema: z.string().pipe(z.string().min(2)), inputs: ["ab", "a"] },
  ".catch": { schema: z.number().catch(0), inputs: [1, "x"] },
  ".readonly()": { schema: z.object({ a: z.string() }).readonly(), inputs: [{ a: "x", b: 1 }, {}] },
  "z.tuple": { schema: z.tuple([z.string(), z.number()]), inputs: [["a", 1], ["a"]] },
  "z.intersection": { schema: z.intersection(z.object({ a: z.string() }), z.object({ b: z.number() })), inputs: [{ a: "x", b: 1 }, { a: "x" }] },
  "z.date()": { schema: z.date(), inputs: [new Date(0), "2020"] },
  "z.bigint()": { schema: z.bigint(), inputs: [1n, 1] },
  "z.nan()": { schema: z.nan(), inputs: [NaN, 1] },
  "z.templateLiteral": { schema: z.templateLiteral(["id-", z.number()]), inputs: ["id-1", "id-x"] },
  ".required() (nonoptional)": { schema: z.object({ a: z.string().optional() }).required(), inputs: [{ a: "x" }, {}] },
  "record with a checked key": { schema: z.record(z.string().min(2), z.number()), inputs: [{ ab: 1 }, { a: 1 }] },
  "record with enum keys": { schema: z.record(z.enum(["a", "b"]), z.number()), inputs: [{ a: 1, b: 2 }, { a: 1 }] },
  "an object declaring __proto__": { schema: z.object({ ["__proto__"]: z.string() }), inputs: [JSON.parse('{"__proto__":"x"}'), {}] },
  "unsupported deep inside a supported container": {
    schema: z.object({ items: z.array(z.union([z.number(), z.string().transform((s) => s.toUpperCase())])) }),
    inputs: [{ items: [1, "a"] }, { items: [null] }],
  },
};

/** A parse result as plain data: data on success, issues on failure. */
const plain = (result: z.ZodSafeParseResult<unknown>): { success: boolean; data?: unknown; issues?: unknown } =>
  result.success ? { success: true, data: result.data } : { success: false, issues: result.error.issues };

describe("compileSafeParse leaves unsupported schemas to zod", () => {
  for (const [name, u] of Object.entries(unsupported)) {
    it(`${name}: zod's result exactly, from zod itself`, () => {
      const parse = compileSafeParse(u.schema);
      for (const input of u.inputs) {
        expect(plain(parse(input)), show(input)).toEqual(plain(z.safeParse(u.schema, input)));
        expect(fellBackToZod(u.schema, parse, input), show(input)).toBe(true);
      }
      // Each list holds at least one input zod accepts, so "went to zod" is shown for a success too.
      expect(u.inputs.some((v) => z.safeParse(u.schema, v).success)).toBe(true);
    });
  }

  it("gives zod's transformed, defaulted and stripped data, not the input", () => {
    expect(compileSafeParse(z.string().transform((s) => s.length))("abc")).toEqual({ success: true, data: 3 });
    expect(compileSafeParse(z.object({ a: z.string().default("d") }))({})).toEqual({ success: true, data: { a: "d" } });
    expect(compileSafeParse(z.coerce.number())("42")).toEqual({ success: true, data: 42 });
    const lazyInput = { a: "x", b: 1 };
    const lazy = compileSafeParse(z.lazy(() => z.object({ a: z.string() })))(lazyInput);
    expect(lazy.success && lazy.data).toEqual({ a: "x" });
    expect(lazy.success && lazy.data).not.toBe(lazyInput);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Divergences the first version had (found by the cases above, fixed since): regressions.
//
// Each case asserts the fixed behaviour; the plain `it` beside it pins zod's own verdict, so
// the case cannot pass for an unrelated reason.
// ---------------------------------------------------------------------------------------------

describe("compileSafeParse regressions: cases the first version got wrong", () => {
  describe(".exactOptional()", () => {
    // zod's exactOptional has def.type "optional" too, but rejects an explicit undefined:
    // the first version's `v === undefined || inner(v)` accepted it.
    const field = z.object({ a: z.string().exactOptional() });
    const top = z.string().exactOptional();

    it("zod allows the key to be absent but rejects an explicit undefined", () => {
      expect(field.safeParse({}).success).toBe(true);
      expect(field.safeParse({ a: undefined }).success).toBe(false);
      expect(top.safeParse(undefined).success).toBe(false);
    });

    it("no longer accepts { a: undefined } for z.object({ a: z.string().exactOptional() })", () => {
      expect(disagreements(field, compileSafeParse(field), [{ a: undefined }])).toEqual([]);
    });

    it("no longer accepts undefined for z.string().exactOptional()", () => {
      expect(disagreements(top, compileSafeParse(top), [undefined])).toEqual([]);
    });
  });

  describe("z.xor", () => {
    // z.xor is a union (def.type "union") with inclusive: false: it fails when more than one option matches.
    const schema = z.xor([z.string(), z.string().min(1)]);

    it("zod rejects an input both options accept", () => {
      expect(schema.safeParse("").success).toBe(true);
      expect(schema.safeParse("abc").success).toBe(false);
    });

    it('no longer accepts "abc", which matches both options', () => {
      expect(disagreements(schema, compileSafeParse(schema), ["abc"])).toEqual([]);
    });
  });

  describe("discriminatedUnion whose options may both omit the discriminator", () => {
    // Both options claim `undefined`, so zod's lookup finds no single option and rejects;
    // the first version's "any option accepts" took the first.
    const schema = z.discriminatedUnion("type", [
      z.object({ type: z.literal("a").optional(), a: z.string() }),
      z.object({ type: z.literal("b").optional(), b: z.string() }),
    ]);

    it("zod rejects an input without the discriminator", () => {
      expect(schema.safeParse({ type: "a", a: "x" }).success).toBe(true);
      expect(schema.safeParse({ a: "x" }).success).toBe(false);
    });

    it("no longer accepts { a: 'x' }", () => {
      expect(disagreements(schema, compileSafeParse(schema), [{ a: "x" }])).toEqual([]);
    });
  });

  describe("recursive object declared with a getter (zod 4's recursion idiom)", () => {
    interface Tree {
      name: string;
      children: Tree[];
    }
    const Tree: z.ZodType<Tree> = z.object({
      name: z.string(),
      get children(): z.ZodArray<z.ZodType<Tree>> {
        return z.array(Tree);
      },
    });
    const tree = { name: "root", children: [{ name: "leaf", children: [] }] };

    it("zod parses it", () => {
      expect(Tree.safeParse(tree).success).toBe(true);
      expect(Tree.safeParse({ name: "root", children: [{ name: 1, children: [] }] }).success).toBe(false);
    });

    it("compiles a recursive schema without overflowing the stack (the cycle is left to zod)", () => {
      const parse = compileSafeParse(Tree);
      expect(disagreements(Tree, parse, [tree, { name: "x" }])).toEqual([]);
    });
  });

  describe("a length check attached to a nullable / optional schema", () => {
    // zod runs a length check only on a value with a length (its default `when`); the first
    // version read `.length` of null or undefined and threw. Rare (zod's types refuse this
    // spelling without a cast), but plain JS can build it.
    const nullable = z.string().nullable().check(z.minLength(1) as unknown as z.core.$ZodCheck<string | null>);
    const optional = z.array(z.number()).optional().check(z.maxLength(2) as unknown as z.core.$ZodCheck<number[] | undefined>);

    it("zod accepts null / undefined there", () => {
      expect(nullable.safeParse(null).success).toBe(true);
      expect(nullable.safeParse("").success).toBe(false);
      expect(optional.safeParse(undefined).success).toBe(true);
      expect(optional.safeParse([1, 2, 3]).success).toBe(false);
    });

    it("skips a length check on null, as zod does (z.string().nullable().check(z.minLength(1)))", () => {
      expect(disagreements(nullable, compileSafeParse(nullable), [null])).toEqual([]);
    });

    it("skips a length check on undefined, as zod does (z.array(...).optional().check(z.maxLength(2)))", () => {
      expect(disagreements(optional, compileSafeParse(optional), [undefined])).toEqual([]);
    });
  });
});
