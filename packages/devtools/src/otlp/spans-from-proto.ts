import type { AttrValue, Attributes, IngestSpan } from "./ingest-span.js";

// What protobufjs' reflection decoder hands back for the OTLP subset in otlp-trace-proto.ts.
// Unset fields read as prototype defaults, so presence is checked by value (0, empty).
type Long64 = number | { readonly low: number; readonly high: number };
interface PbAnyValue {
  readonly value?: string;
  readonly stringValue: string;
  readonly boolValue: boolean;
  readonly intValue: Long64;
  readonly doubleValue: number;
  readonly arrayValue?: { readonly values: ReadonlyArray<PbAnyValue> } | null;
  readonly kvlistValue?: { readonly values: ReadonlyArray<PbKeyValue> } | null;
  readonly bytesValue: Uint8Array;
}
interface PbKeyValue {
  readonly key: string;
  readonly value?: PbAnyValue | null;
}
interface PbSpan {
  readonly traceId: Uint8Array;
  readonly spanId: Uint8Array;
  readonly parentSpanId: Uint8Array;
  readonly name: string;
  readonly kind: number;
  readonly startTimeUnixNano: Long64;
  readonly endTimeUnixNano: Long64;
  readonly attributes: ReadonlyArray<PbKeyValue>;
  readonly events: ReadonlyArray<{ readonly timeUnixNano: Long64; readonly name: string; readonly attributes: ReadonlyArray<PbKeyValue> }>;
  readonly status?: { readonly code: number; readonly message: string } | null;
}
/** The decoded `ExportTraceServiceRequest` message. */
export interface PbTraceRequest {
  readonly resourceSpans: ReadonlyArray<{
    readonly resource?: { readonly attributes: ReadonlyArray<PbKeyValue> } | null;
    readonly scopeSpans: ReadonlyArray<{ readonly spans: ReadonlyArray<PbSpan> }>;
  }>;
}

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");

// Unsigned nanoseconds → milliseconds with microsecond precision, exactly as the JSON path's
// BigInt arithmetic: 2^32 = 1000 × 4294967 + 296 keeps every intermediate below 2^53.
const millisOf = (v: Long64): number => {
  if (typeof v === "number") return Math.floor(v / 1000) / 1000;
  const high = v.high >>> 0;
  const low = v.low >>> 0;
  return (high * 4_294_967 + Math.floor((high * 296 + low) / 1000)) / 1000;
};

const int64 = (v: Long64): number => (typeof v === "number" ? v : v.high * 4_294_967_296 + (v.low >>> 0));

const attrValue = (v: PbAnyValue | null | undefined): AttrValue => {
  switch (v?.value) {
    case "stringValue": return v.stringValue;
    case "boolValue": return v.boolValue;
    case "intValue": return int64(v.intValue);
    case "doubleValue": return v.doubleValue;
    case "arrayValue": return (v.arrayValue?.values ?? []).map(attrValue);
    case "kvlistValue": return attributesOf(v.kvlistValue?.values ?? []);
    case "bytesValue": return Buffer.from(v.bytesValue).toString("base64");
    default: return null;
  }
};

const attributesOf = (kvs: ReadonlyArray<PbKeyValue>): Attributes => {
  const out: Record<string, AttrValue> = {};
  for (const kv of kvs) out[kv.key] = attrValue(kv.value);
  return out;
};

/**
 * Maps a decoded protobuf `ExportTraceServiceRequest` straight to {@link IngestSpan}s, with
 * the same result as the OTLP/JSON path (ids as lowercase hex, times in ms with µs
 * precision, attributes as JSON values) but without building an intermediate plain object
 * or validating it again: the protobuf decoder has already enforced the types.
 * Spans without a trace or span id are dropped, as in the JSON path.
 * @example
 * const spans = spansFromProto(requestType.decode(bytes) as unknown as PbTraceRequest);
 */
export const spansFromProto = (req: PbTraceRequest): IngestSpan[] => {
  const out: IngestSpan[] = [];
  for (const rs of req.resourceSpans) {
    const service = rs.resource ? attributesOf(rs.resource.attributes)["service.name"] : undefined;
    for (const ss of rs.scopeSpans) {
      for (const s of ss.spans) {
        if (s.traceId.length === 0 || s.spanId.length === 0) continue;
        const startMs = millisOf(s.startTimeUnixNano);
        const end = millisOf(s.endTimeUnixNano);
        const statusMessage = s.status?.message;
        out.push({
          traceId: hex(s.traceId),
          spanId: hex(s.spanId),
          ...(s.parentSpanId.length > 0 ? { parentSpanId: hex(s.parentSpanId) } : {}),
          name: s.name,
          kind: s.kind,
          startMs,
          endMs: end === 0 ? startMs : end,
          attributes: attributesOf(s.attributes),
          events: s.events.map((e) => {
            const t = millisOf(e.timeUnixNano);
            return { name: e.name, timeMs: t === 0 ? startMs : t, attributes: attributesOf(e.attributes) };
          }),
          statusCode: s.status?.code ?? 0,
          ...(statusMessage ? { statusMessage } : {}),
          ...(typeof service === "string" ? { service } : {}),
        });
      }
    }
  }
  return out;
};
