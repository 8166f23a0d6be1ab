import { z } from "zod";
import type { AttrValue, Attributes, IngestSpan } from "./ingest-span.js";

// OTLP/JSON writes ids as hex; some JSON encoders use base64.
const SpanIdSchema = z.string().transform((v) => {
  if (/^[0-9a-fA-F]*$/.test(v) && (v.length === 32 || v.length === 16 || v.length === 0)) return v.toLowerCase();
  return Buffer.from(v, "base64").toString("hex");
});

// Nanoseconds since epoch arrive as decimal strings (64-bit) or numbers; keep microseconds.
const NanosSchema = z.union([z.string().regex(/^\d+$/), z.number().nonnegative()]).transform((v) => {
  const ns = typeof v === "string" ? BigInt(v) : BigInt(Math.round(v));
  return Number(ns / 1000n) / 1000;
});

// AnyValue is checked by hand rather than by a recursive zod schema: it is most of a span's
// bytes, and a lazy schema per attribute was the JSON receiver's main cost.
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const MAX_DEPTH = 32;
// A distinct class, so no attribute value (a kvlist is a plain object) is mistaken for one.
class Invalid {
  constructor(readonly message: string) {}
}

/** An AnyValue as a JSON value, or an error message naming what is wrong. */
const toAttrValue = (v: unknown, depth: number): AttrValue | Invalid => {
  if (v === undefined || v === null) return null;
  if (!isRecord(v)) return new Invalid("AnyValue must be an object");
  if (depth > MAX_DEPTH) return new Invalid(`AnyValue nested deeper than ${MAX_DEPTH}`);
  const { stringValue, boolValue, intValue, doubleValue, arrayValue, kvlistValue, bytesValue } = v;
  if (stringValue !== undefined) return typeof stringValue === "string" ? stringValue : new Invalid("stringValue must be a string");
  if (boolValue !== undefined) return typeof boolValue === "boolean" ? boolValue : new Invalid("boolValue must be a boolean");
  if (intValue !== undefined) return numeric(intValue, "intValue");
  if (doubleValue !== undefined) return numeric(doubleValue, "doubleValue");
  if (arrayValue !== undefined) {
    const values = isRecord(arrayValue) ? (arrayValue.values ?? []) : undefined;
    if (!Array.isArray(values)) return new Invalid("arrayValue.values must be an array");
    const out: AttrValue[] = [];
    for (const item of values) {
      const x = toAttrValue(item, depth + 1);
      if (x instanceof Invalid) return x;
      out.push(x);
    }
    return out;
  }
  if (kvlistValue !== undefined) {
    const values = isRecord(kvlistValue) ? (kvlistValue.values ?? []) : undefined;
    return Array.isArray(values) ? toAttributes(values, depth + 1) : new Invalid("kvlistValue.values must be an array");
  }
  if (bytesValue !== undefined) return typeof bytesValue === "string" ? bytesValue : new Invalid("bytesValue must be a base64 string");
  return null;
};
const numeric = (v: unknown, field: string): number | Invalid => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isNaN(n) ? new Invalid(`${field} must be a number or a decimal string`) : n;
};
const toAttributes = (kvs: ReadonlyArray<unknown>, depth: number): Attributes | Invalid => {
  const out: Record<string, AttrValue> = {};
  for (const kv of kvs) {
    if (!isRecord(kv) || typeof kv.key !== "string") return new Invalid("each attribute must be { key: string, value }");
    const x = toAttrValue(kv.value, depth);
    if (x instanceof Invalid) return x;
    out[kv.key] = x;
  }
  return out;
};

const KeyValues = z
  .array(z.unknown())
  .optional()
  .default([])
  .transform((kvs, ctx): Attributes => {
    const attrs = toAttributes(kvs, 0);
    if (!(attrs instanceof Invalid)) return attrs;
    ctx.addIssue({ code: "custom", message: attrs.message });
    return z.NEVER;
  });

// Enums are integers in OTLP/JSON, but some encoders spell them out.
const enumNumber = (prefix: string, names: ReadonlyArray<string>) =>
  z.union([z.number().int(), z.string()]).transform((v) => (typeof v === "number" ? v : Math.max(0, names.indexOf(v.replace(prefix, "")))));
const KindSchema = enumNumber("SPAN_KIND_", ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"]);
const StatusCodeSchema = enumNumber("STATUS_CODE_", ["UNSET", "OK", "ERROR"]);

const SpanSchema = z.object({
  traceId: SpanIdSchema,
  spanId: SpanIdSchema,
  parentSpanId: SpanIdSchema.optional(),
  name: z.string().default(""),
  kind: KindSchema.optional().default(0),
  startTimeUnixNano: NanosSchema,
  endTimeUnixNano: NanosSchema.optional(),
  attributes: KeyValues,
  events: z
    .array(z.object({ timeUnixNano: NanosSchema.optional(), name: z.string().default(""), attributes: KeyValues }))
    .optional()
    .default([]),
  status: z.object({ code: StatusCodeSchema.optional().default(0), message: z.string().optional() }).optional(),
});

/**
 * An OTLP `ExportTraceServiceRequest` in its JSON mapping, validated and flattened into
 * {@link IngestSpan}s (the protobuf form is mapped by `spansFromProto`).
 * @example
 * const spans = OtlpTraceRequest.parse(JSON.parse(body));
 */
export const OtlpTraceRequest = z
  .object({
    resourceSpans: z
      .array(
        z.object({
          resource: z.object({ attributes: KeyValues }).optional(),
          scopeSpans: z.array(z.object({ spans: z.array(SpanSchema).optional().default([]) })).optional().default([]),
        }),
      )
      .optional()
      .default([]),
  })
  .transform((req): IngestSpan[] =>
    req.resourceSpans.flatMap((rs) => {
      const service = rs.resource?.attributes["service.name"];
      return rs.scopeSpans.flatMap((ss) =>
        ss.spans
          .filter((s) => s.traceId.length > 0 && s.spanId.length > 0)
          .map((s) => ({
            traceId: s.traceId,
            spanId: s.spanId,
            ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
            name: s.name,
            kind: s.kind,
            startMs: s.startTimeUnixNano,
            endMs: s.endTimeUnixNano ?? s.startTimeUnixNano,
            attributes: s.attributes,
            events: s.events.map((e) => ({ name: e.name, timeMs: e.timeUnixNano ?? s.startTimeUnixNano, attributes: e.attributes })),
            statusCode: s.status?.code ?? 0,
            ...(s.status?.message ? { statusMessage: s.status.message } : {}),
            ...(typeof service === "string" ? { service } : {}),
          })),
      );
    }),
  );
