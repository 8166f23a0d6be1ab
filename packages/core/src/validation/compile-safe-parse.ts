import type { z } from "zod";
import { util, type $ZodType } from "zod/v4/core";

/** Says whether a value passes one schema node, allocating nothing. */
type Accepts = (value: unknown) => boolean;

/**
 * A zod schema's `safeParse` with a fast path for the common case: an input the schema takes
 * exactly as it is comes back as it is, without zod building a copy of it.
 *
 * The schema is read once, here, into plain predicates (no allocation per call). An input
 * they accept is returned with `success: true` and `data` = the input itself; anything else
 * (including every input they are unsure of) goes through `schema.safeParse`, so rejections
 * carry zod's own issues, word for word. The predicates are conservative: they never accept
 * what zod would reject. Schemas using what they do not cover (transforms, defaults, refinements,
 * string formats, strict objects, lazy...) always take zod's path.
 *
 * One difference, by design: an accepted object keeps keys its schema does not declare (zod's
 * default object would strip them), so use it where the reader picks the fields it knows,
 * as every wire decoder here does. It saves ≈5 KB of garbage per gateway request.
 * @example
 * const parseRequest = compileSafeParse(OpenAIChatRequest);
 * const parsed = parseRequest(JSON.parse(text));
 * if (!parsed.success) console.log(parsed.error.issues[0]?.message);
 */
export const compileSafeParse = <S extends z.ZodType>(schema: S): ((input: unknown) => z.ZodSafeParseResult<z.output<S>>) => {
  const accepts = compileNode(schema);
  if (accepts === undefined) return (input) => schema.safeParse(input);
  return (input) => (accepts(input) ? { success: true, data: input as z.output<S> } : schema.safeParse(input));
};

type Def = $ZodType["_zod"]["def"] & {
  readonly coerce?: boolean;
  readonly check?: string;
  readonly format?: string;
  readonly checks?: ReadonlyArray<$ZodType>;
};

/** The def of a schema, read through the fields this module needs (zod's own types name them per schema kind). */
const defOf = (schema: $ZodType): Def => schema._zod.def as Def;

// Schemas being compiled: a recursive schema (a getter that returns its own parent) is left to zod.
const inProgress = new Set<$ZodType>();

const compileNode = (schema: $ZodType): Accepts | undefined => {
  if (inProgress.has(schema)) return undefined;
  inProgress.add(schema);
  try {
    return compileChecked(schema);
  } finally {
    inProgress.delete(schema);
  }
};

const compileChecked = (schema: $ZodType): Accepts | undefined => {
  const def = defOf(schema);
  if (def.coerce === true) return undefined;
  const base = compileType(schema, def);
  if (base === undefined) return undefined;
  // A schema that is itself a check (`z.int()`, a number format) runs as its own first check.
  const checkDefs = [...(def.check !== undefined ? [schema] : []), ...(def.checks ?? [])];
  const checks: Accepts[] = [];
  for (const c of checkDefs) {
    const check = compileCheck(c, def.type as string);
    if (check === undefined) return undefined;
    checks.push(check);
  }
  if (checks.length === 0) return base;
  return (v) => {
    if (!base(v)) return false;
    for (const check of checks) if (!check(v)) return false;
    return true;
  };
};

const always: Accepts = () => true;

const compileType = (schema: $ZodType, def: Def): Accepts | undefined => {
  switch (def.type) {
    case "string":
      return (v) => typeof v === "string";
    case "number":
      return (v) => typeof v === "number" && Number.isFinite(v);
    case "boolean":
      return (v) => typeof v === "boolean";
    case "null":
      return (v) => v === null;
    case "undefined":
      return (v) => v === undefined;
    case "any":
    case "unknown":
      return always;
    case "literal":
    case "enum": {
      const values = schema._zod.values;
      return values === undefined ? undefined : (v) => values.has(v as never);
    }
    case "optional":
    case "nullable": {
      // `exactOptional()` is an "optional" that refuses a present `undefined`: left to zod.
      if (schema._zod.traits.has("$ZodExactOptional")) return undefined;
      const inner = compileNode((def as unknown as { innerType: $ZodType }).innerType);
      if (inner === undefined) return undefined;
      return def.type === "optional" ? (v) => v === undefined || inner(v) : (v) => v === null || inner(v);
    }
    case "array": {
      const element = compileNode((def as unknown as { element: $ZodType }).element);
      if (element === undefined) return undefined;
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case "object":
      return compileObject(def as unknown as { shape: Record<string, $ZodType>; catchall?: $ZodType });
    case "union": {
      // An exclusive union (`z.xor`) fails when two options match: left to zod.
      if (schema._zod.traits.has("$ZodXor")) return undefined;
      const discriminator = (def as unknown as { discriminator?: string }).discriminator;
      if (discriminator !== undefined && !pinsDiscriminator(def as unknown as { options: ReadonlyArray<$ZodType> }, discriminator)) return undefined;
      const options: Accepts[] = [];
      for (const o of (def as unknown as { options: ReadonlyArray<$ZodType> }).options) {
        const option = compileNode(o);
        if (option === undefined) return undefined;
        options.push(option);
      }
      return (v) => {
        for (const option of options) if (option(v)) return true;
        return false;
      };
    }
    case "record":
      return compileRecord(def as unknown as { keyType: $ZodType; valueType: $ZodType });
    default:
      return undefined;
  }
};

/**
 * A discriminated union whose every option is an object requiring the discriminator with a
 * fixed set of values: then "one of them accepts" is the same verdict as zod's "the option
 * the discriminator names accepts". (An option that may leave it out makes zod's lookup
 * ambiguous, and zod rejects what one option alone would take.)
 */
const pinsDiscriminator = (def: { options: ReadonlyArray<$ZodType> }, discriminator: string): boolean =>
  def.options.every((o) => {
    const d = defOf(o) as Def & { shape?: Record<string, $ZodType> };
    const field = d.type === "object" ? d.shape?.[discriminator] : undefined;
    return field !== undefined && field._zod.values !== undefined && field._zod.optin === undefined;
  });

const compileObject = (def: { shape: Record<string, $ZodType>; catchall?: $ZodType }): Accepts | undefined => {
  // Strict and catch-all objects judge the keys they do not declare: left to zod.
  if (def.catchall !== undefined) return undefined;
  const shape = def.shape;
  if (Object.getOwnPropertySymbols(shape).length > 0) return undefined;
  const fields: Array<{ readonly key: string; readonly accepts: Accepts; readonly mayBeAbsent: boolean }> = [];
  for (const key of Object.keys(shape)) {
    const field = shape[key] as $ZodType;
    const accepts = compileNode(field);
    if (accepts === undefined || key === "__proto__") return undefined;
    // zod lets a key be missing only when its schema is optional both ways (what `.optional()` gives).
    fields.push({ key, accepts, mayBeAbsent: field._zod.optin === "optional" && field._zod.optout === "optional" });
  }
  return util.allowsEval.value ? generatedObjectCheck(fields) : (v) => {
    if (!util.isObject(v)) return false;
    const o = v as Record<string, unknown>;
    for (const f of fields) {
      const value = o[f.key];
      if (value === undefined && !(f.key in o)) {
        if (!f.mayBeAbsent) return false;
      } else if (!f.accepts(value)) return false;
    }
    return true;
  };
};

/**
 * The object check as generated code, one property read per field with its name written
 * in (as zod's own JIT does): each read keeps an inline cache of its own, where a loop over
 * the fields shares one read site between all names and goes megamorphic (as slow as zod).
 * Only where the runtime allows `new Function` (not under a strict CSP, nor in zod's jitless mode).
 */
const generatedObjectCheck = (fields: ReadonlyArray<{ readonly key: string; readonly accepts: Accepts; readonly mayBeAbsent: boolean }>): Accepts => {
  const lines = fields.map((f, i) => {
    const k = JSON.stringify(f.key);
    const absent = f.mayBeAbsent ? "" : "return false;";
    return `x = v[${k}]; if (x === undefined && !(${k} in v)) { ${absent} } else if (!c[${i}](x)) return false;`;
  });
  const body = `return function (v) { if (!isObject(v)) return false; let x; ${lines.join(" ")} return true; };`;
  const make = new Function("c", "isObject", body) as (c: ReadonlyArray<Accepts>, isObject: (v: unknown) => boolean) => Accepts;
  return make(
    fields.map((f) => f.accepts),
    util.isObject,
  );
};

const compileRecord = (def: { keyType: $ZodType; valueType: $ZodType }): Accepts | undefined => {
  // Only string keys of any value: every own string key passes, nothing is renamed.
  const key = defOf(def.keyType);
  if (key.type !== "string" || (key.checks?.length ?? 0) > 0 || key.coerce === true || def.keyType._zod.values !== undefined) return undefined;
  const value = compileNode(def.valueType);
  if (value === undefined) return undefined;
  const anyValue = value === always;
  return (v) => {
    if (!util.isPlainObject(v)) return false;
    // Symbol keys fail a string key schema, and zod drops `__proto__`: both are left to zod.
    if (Object.getOwnPropertySymbols(v).length > 0 || Object.prototype.hasOwnProperty.call(v, "__proto__")) return false;
    if (anyValue) return true;
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!value(o[k])) return false;
    return true;
  };
};

/** The same verdicts as zod's own checks (zod/v4/core/checks.js), for the kinds used at our boundaries. */
const compileCheck = (check: $ZodType, type: string): Accepts | undefined => {
  const d = check._zod.def as unknown as {
    check?: string;
    value?: unknown;
    inclusive?: boolean;
    minimum?: number;
    maximum?: number;
    length?: number;
    format?: string;
  };
  const lengthOf = (v: { readonly length: number }, units: number, needCodePoints: boolean): number =>
    typeof v === "string" && needCodePoints ? util.codePointLength(v) : units;
  // A check on a wrapper (a nullable, a union...) is skipped by zod for values it cannot measure:
  // only checks on the kinds they measure are compiled.
  const lengthType = type === "string" || type === "array";
  if ((d.check === "min_length" || d.check === "max_length" || d.check === "length_equals") && !lengthType) return undefined;
  if ((d.check === "greater_than" || d.check === "less_than" || d.check === "number_format") && type !== "number") return undefined;
  switch (d.check) {
    case "min_length": {
      const min = d.minimum as number;
      return (v) => {
        const s = v as { readonly length: number };
        const units = s.length;
        return lengthOf(s, units, units >= min && units < min * 2) >= min;
      };
    }
    case "max_length": {
      const max = d.maximum as number;
      return (v) => {
        const s = v as { readonly length: number };
        const units = s.length;
        return lengthOf(s, units, units > max) <= max;
      };
    }
    case "length_equals": {
      const len = d.length as number;
      return (v) => {
        const s = v as { readonly length: number };
        const units = s.length;
        return lengthOf(s, units, units >= len && units <= len * 2) === len;
      };
    }
    case "greater_than":
    case "less_than": {
      if (typeof d.value !== "number") return undefined;
      const bound = d.value;
      if (d.check === "greater_than") return d.inclusive === true ? (v) => (v as number) >= bound : (v) => (v as number) > bound;
      return d.inclusive === true ? (v) => (v as number) <= bound : (v) => (v as number) < bound;
    }
    case "number_format": {
      const format = d.format ?? "float64";
      const range = (util.NUMBER_FORMAT_RANGES as Record<string, readonly [number, number] | undefined>)[format];
      if (range === undefined) return undefined;
      const [min, max] = range;
      const isInt = format.includes("int");
      return (v) => {
        const n = v as number;
        if (isInt && !Number.isSafeInteger(n)) return false;
        return n >= min && n <= max;
      };
    }
    default:
      return undefined;
  }
};
