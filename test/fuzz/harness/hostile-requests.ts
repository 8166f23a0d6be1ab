import fc from "fast-check";

/** A generated request body and whether the gateway must refuse it (a 4xx) rather than merely not fail. */
export interface HostileBody {
  readonly label: string;
  readonly body: Buffer | string;
  readonly mustReject: boolean;
}

type Json = Record<string, unknown>;

/** `{"a":{"a":…}}` nested `depth` times, built as text (JSON.stringify would recurse). */
export const deepObjectText = (depth: number, leaf = "1"): string => `${'{"a":'.repeat(depth)}${leaf}${"}".repeat(depth)}`;
/** `[[[…]]]` nested `depth` times. */
export const deepArrayText = (depth: number): string => `${"[".repeat(depth)}${"]".repeat(depth)}`;

const DEPTHS = fc.constantFrom(64, 1_000, 5_000, 10_000, 50_000);
/**
 * Nesting inside free-form fields (tool schemas, tool inputs) stays at depths the gateway
 * handles today; deeper values are a known bug with its own `it.fails` test
 * (`gateway-known-bugs.test.ts`).
 */
const FREE_FORM_DEPTHS = fc.constantFrom(8, 64, 500);
const WRONG_TYPES = fc.constantFrom<unknown>(null, 0, -1, 1.5, true, "", "x", [], {}, [[]], { "0": 1 });
const POLLUTION_KEYS = fc.constantFrom("__proto__", "constructor", "prototype");

/** Text that is not JSON, or JSON cut short: the parser must refuse it. */
export const brokenJsonText: fc.Arbitrary<HostileBody> = fc.oneof(
  fc.string({ maxLength: 200 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }).map((s) => ({ label: "not-json", body: s, mustReject: true })),
  fc.constantFrom('{"model":"main","messages":[', "{", '{"model":NaN}', '{"model":"main",}', "{'model':'main'}", '{"model":"main"}garbage', "\u0000", "")
    .map((s) => ({ label: "broken-json", body: s, mustReject: true })),
);

/** JSON values of any shape that are not requests (no object carries the fields a request needs). */
export const wrongShapeJson: fc.Arbitrary<HostileBody> = fc
  .jsonValue({ maxDepth: 4 })
  .filter((v) => !(typeof v === "object" && v !== null && !Array.isArray(v) && ("model" in v || "name" in v)))
  .map((v) => ({ label: "wrong-shape", body: JSON.stringify(v), mustReject: true }));

/** Bytes that are not valid UTF-8, inside and outside JSON strings. */
export const invalidUtf8: fc.Arbitrary<HostileBody> = fc
  .tuple(fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]), fc.boolean())
  .map(([bytes, inString]) => {
    const bad = Buffer.from(bytes);
    // Inside a string it decodes to U+FFFD and may be a valid request; outside it is never JSON.
    const body = inString
      ? Buffer.concat([Buffer.from('{"model":"main","messages":[{"role":"user","content":"'), bad, Buffer.from('"}]}')])
      : Buffer.concat([Buffer.from('{"model":"main",'), bad, Buffer.from('"messages":[]}')]);
    return { label: inString ? "invalid-utf8-in-string" : "invalid-utf8-raw", body, mustReject: !inString };
  });

/** Nesting far beyond anything a request needs, as the whole body or inside free-form fields. */
export const deepNesting = (base: Json, freeFormPaths: ReadonlyArray<string>): fc.Arbitrary<HostileBody> =>
  fc.oneof(
    DEPTHS.map((d) => ({ label: `deep-array-${d}`, body: deepArrayText(d), mustReject: true })),
    DEPTHS.map((d) => ({ label: `deep-object-${d}`, body: deepObjectText(d), mustReject: true })),
    fc.tuple(FREE_FORM_DEPTHS, fc.constantFrom(...freeFormPaths)).map(([d, path]) => {
      // Put a marker where the deep value goes, then splice the text in (no recursion here).
      const marker = "__DEEP__";
      const text = JSON.stringify(setPath(base, path, marker)).replace(`"${marker}"`, deepObjectText(d));
      return { label: `deep-${path}-${d}`, body: text, mustReject: false };
    }),
  );

/** A copy of `obj` with `path` (dot-separated, numeric segments index arrays) set to `value`. */
export const setPath = (obj: Json, path: string, value: unknown): Json => {
  const copy = structuredClone(obj);
  const keys = path.split(".");
  let cur: Record<string, unknown> = copy;
  keys.slice(0, -1).forEach((k) => {
    const next = cur[k];
    cur[k] = typeof next === "object" && next !== null ? next : {};
    cur = cur[k] as Record<string, unknown>;
  });
  cur[keys.at(-1) ?? ""] = value;
  return copy;
};

/** Field-level attacks on a valid request: wrong types, bad numbers, bad roles, pollution keys, unknown fields, huge strings. */
export const fieldAttacks = (base: Json, fields: { readonly required: ReadonlyArray<string>; readonly numeric: ReadonlyArray<string>; readonly role?: string }): fc.Arbitrary<HostileBody> =>
  fc.oneof(
    fc.tuple(fc.constantFrom(...fields.required), WRONG_TYPES).map(([f, v]) => ({
      label: `wrong-type:${f}=${JSON.stringify(v)}`,
      body: JSON.stringify(setPath(base, f, v)),
      mustReject: true,
    })),
    fc.tuple(fc.constantFrom(...fields.required)).map(([f]) => {
      const copy = structuredClone(base);
      delete copy[f.split(".")[0] ?? f];
      return { label: `missing:${f}`, body: JSON.stringify(copy), mustReject: true };
    }),
    fc.tuple(fc.constantFrom(...fields.numeric), fc.constantFrom("-1", "-1e308", "1e308", "1.5e-400", "NaN", "Infinity", '"7"', "-0.0001")).map(([f, n]) => {
      const text = JSON.stringify(setPath(base, f, "__N__")).replace('"__N__"', n);
      // NaN/Infinity are not JSON at all; the rest are out of range or wrong type for these fields.
      return { label: `number:${f}=${n}`, body: text, mustReject: n !== "1.5e-400" };
    }),
    ...(fields.role === undefined
      ? []
      : [
          fc.string({ minLength: 1, maxLength: 20 })
            .filter((r) => !["system", "user", "assistant", "tool", "developer"].includes(r))
            .map((r) => ({ label: `role:${r}`, body: JSON.stringify(setPath(base, fields.role ?? "", r)), mustReject: true })),
        ]),
    fc.tuple(POLLUTION_KEYS, fc.constantFrom("top", "message", "metadata")).map(([k, at]) => {
      // Spliced as text: `{"__proto__": …}` must arrive as an own key, which JSON.stringify of an object literal would not produce.
      const text = JSON.stringify(base);
      const body =
        at === "top"
          ? text.replace(/^\{/, `{"${k}":{"polluted":true,"authEnabled":false},`)
          : at === "message"
            ? text.replace(/"messages":\[\{/, `"messages":[{"${k}":{"polluted":true},`)
            : text.replace(/^\{/, `{"metadata":{"${k}":"x"},`);
      return { label: `pollution:${at}:${k}`, body, mustReject: false };
    }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in base)), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 }).map((extra) => ({
      label: "unknown-fields",
      body: JSON.stringify({ ...base, ...extra }),
      mustReject: false,
    })),
    fc.constantFrom(64 * 1024, 1024 * 1024, 5 * 1024 * 1024).map((n) => ({
      label: `huge-string-${n}`,
      body: JSON.stringify(setPath(base, fields.required[0] ?? "model", "x".repeat(n))),
      mustReject: true,
    })),
  );
