/** An attribute value as the store keeps it (OTLP AnyValue, flattened to JSON). */
export type AttrValue = string | number | boolean | null | ReadonlyArray<AttrValue> | { readonly [key: string]: AttrValue };

/** Attributes of a span, event or resource. */
export type Attributes = Readonly<Record<string, AttrValue>>;

/**
 * One span as decoded from OTLP (protobuf or JSON): ids in lowercase hex, times in epoch
 * milliseconds (sub-millisecond precision kept), attributes as plain JSON values.
 * @example
 * const s: IngestSpan = { traceId: "ab..", spanId: "cd..", name: "chat gpt-4o", kind: 3, startMs: 1, endMs: 2,
 *   attributes: {}, events: [], statusCode: 0, service: "app" };
 */
export interface IngestSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  readonly kind: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly attributes: Attributes;
  readonly events: ReadonlyArray<{ readonly name: string; readonly timeMs: number; readonly attributes: Attributes }>;
  /** OTLP StatusCode: 0 unset, 1 ok, 2 error. */
  readonly statusCode: number;
  readonly statusMessage?: string;
  readonly service?: string;
}
