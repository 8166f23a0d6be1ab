import protobuf from "protobufjs";
import type { IngestSpan } from "./ingest-span.js";
import { spansFromProto, type PbTraceRequest } from "./spans-from-proto.js";

// The subset of opentelemetry-proto (v1, trace + common + resource) a trace receiver reads.
// Parsed at runtime by protobufjs: no generated code, no binaries. Field numbers must match
// https://github.com/open-telemetry/opentelemetry-proto exactly.
const OTLP_TRACE_PROTO = `
syntax = "proto3";
package otlp;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }

message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }
message ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; }

message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3; }
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  string trace_state = 3;
  bytes parent_span_id = 4;
  fixed32 flags = 16;
  string name = 5;
  int32 kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9;
  uint32 dropped_attributes_count = 10;
  repeated Event events = 11;
  uint32 dropped_events_count = 12;
  repeated Link links = 13;
  uint32 dropped_links_count = 14;
  Status status = 15;
  message Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
  message Link { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; repeated KeyValue attributes = 4; uint32 dropped_attributes_count = 5; fixed32 flags = 6; }
}
message Status { string message = 2; int32 code = 3; }
`;

const root = protobuf.parse(OTLP_TRACE_PROTO, { keepCase: false }).root;
const requestType = root.lookupType("otlp.ExportTraceServiceRequest");
const responseType = root.lookupType("otlp.ExportTraceServiceResponse");

/**
 * Decodes a protobuf `ExportTraceServiceRequest` into spans, or throws protobufjs' error
 * for a malformed body.
 * @example
 * const spans = decodeTraceRequestProto(new Uint8Array(body));
 */
export const decodeTraceRequestProto = (bytes: Uint8Array): IngestSpan[] => spansFromProto(requestType.decode(bytes) as unknown as PbTraceRequest);

/**
 * Encodes an `ExportTraceServiceResponse`; no partial success means an empty message.
 * @example
 * res.end(encodeTraceResponseProto(0));
 */
export const encodeTraceResponseProto = (rejectedSpans: number, errorMessage?: string): Uint8Array =>
  responseType
    .encode(responseType.fromObject(rejectedSpans > 0 ? { partialSuccess: { rejectedSpans, errorMessage: errorMessage ?? "" } } : {}))
    .finish();
