import { z } from "zod";
import type { AttrValue, Attributes, IngestSpan } from "./ingest-span.js";

// OTLP/JSON writes ids as hex, protobufjs hands us byte arrays; some JSON encoders use base64.
const hexOf = (bytes: ArrayLike<number>): string => Buffer.from(Uint8Array.from(bytes)).toString("hex");
const SpanIdSchema = z
  .union([z.string(), z.array(z.number().int().min(0).max(255))])
  .transform((v) => {
    if (Array.isArray(v)) return hexOf(v);
    if (/^[0-9a-fA-F]*$/.test(v) && (v.length === 32 || v.length === 16 || v.length === 0)) return v.toLowerCase();
    return Buffer.from(v, "base64").toString("hex");
  });

// Nanoseconds since epoch arrive as decimal strings (64-bit) or numbers; keep microseconds.
const NanosSchema = z.union([z.string().regex(/^\d+$/), z.number().nonnegative()]).transform((v) => {
  const ns = typeof v === "string" ? BigInt(v) : BigInt(Math.round(v));
  return Number(ns / 1000n) / 1000;
});

interface AnyValueIn {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number | string;
  arrayValue?: { values?: AnyValueIn[] };
  kvlistValue?: { values?: Array<{ key: string; value?: AnyValueIn }> };
  bytesValue?: string | number[];
}
const AnyValueSchema: z.ZodType<AnyValueIn> = z.lazy(() =>
  z.object({
    stringValue: z.string().optional(),
    boolValue: z.boolean().optional(),
    intValue: z.union([z.string(), z.number()]).optional(),
    doubleValue: z.union([z.number(), z.string()]).optional(),
    arrayValue: z.object({ values: z.array(AnyValueSchema).optional() }).optional(),
    kvlistValue: z.object({ values: z.array(z.object({ key: z.string(), value: AnyValueSchema.optional() })).optional() }).optional(),
    bytesValue: z.union([z.string(), z.array(z.number())]).optional(),
  }),
);

const toAttrValue = (v: AnyValueIn | undefined): AttrValue => {
  if (!v) return null;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return Number(v.doubleValue);
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(toAttrValue);
  if (v.kvlistValue) return toAttributes(v.kvlistValue.values ?? []);
  if (v.bytesValue !== undefined) return typeof v.bytesValue === "string" ? v.bytesValue : Buffer.from(v.bytesValue).toString("base64");
  return null;
};
const toAttributes = (kvs: ReadonlyArray<{ key: string; value?: AnyValueIn | undefined }>): Attributes =>
  Object.fromEntries(kvs.map((kv) => [kv.key, toAttrValue(kv.value)]));

const KeyValues = z.array(z.object({ key: z.string(), value: AnyValueSchema.optional() })).optional().default([]);

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
 * An OTLP `ExportTraceServiceRequest` in its JSON mapping (or protobufjs' plain object of
 * the protobuf form), validated and flattened into {@link IngestSpan}s.
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
      const service = toAttributes(rs.resource?.attributes ?? [])["service.name"];
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
            attributes: toAttributes(s.attributes),
            events: s.events.map((e) => ({ name: e.name, timeMs: e.timeUnixNano ?? s.startTimeUnixNano, attributes: toAttributes(e.attributes) })),
            statusCode: s.status?.code ?? 0,
            ...(s.status?.message ? { statusMessage: s.status.message } : {}),
            ...(typeof service === "string" ? { service } : {}),
          })),
      );
    }),
  );
