import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { decodeTraceRequest } from "../src/otlp/decode-trace-request.js";
import { driveFakeRun, otelObserver } from "./drive-fake-run.js";

const sdkSpans = () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ "service.name": "decoders" }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const observer = otelObserver({ tracer: provider.getTracer("t"), captureContent: true });
  driveFakeRun(observer, "dec-1");
  driveFakeRun(observer, "dec-2", { fail: true });
  // Every AnyValue kind, including a kvlist that has a key named like our internal marker.
  provider.getTracer("t").startActiveSpan("odd attributes", (span) => {
    span.setAttributes({ s: "x", b: true, i: 42, d: 1.5, arr: ["a", "b"], nums: [1, 2], big: 2 ** 40 });
    span.end();
  });
  return exporter.getFinishedSpans();
};

describe("OTLP decoders", () => {
  it("protobuf (direct mapping) and JSON (validated) decode the same SDK spans to identical spans", () => {
    const spans = sdkSpans();
    const pb = decodeTraceRequest(new Uint8Array(ProtobufTraceSerializer.serializeRequest(spans) ?? []), "protobuf");
    const json = decodeTraceRequest(new Uint8Array(JsonTraceSerializer.serializeRequest(spans) ?? []), "json");
    expect(pb.ok && json.ok).toBe(true);
    if (!pb.ok || !json.ok) return;
    expect(pb.spans).toHaveLength(spans.length);
    expect(pb.spans).toEqual(json.spans);
    const odd = pb.spans.find((s) => s.name === "odd attributes");
    expect(odd?.attributes).toEqual({ s: "x", b: true, i: 42, d: 1.5, arr: ["a", "b"], nums: [1, 2], big: 2 ** 40 });
    const sdkRoot = spans.find((s) => s.name === "switchyard.route support");
    const root = pb.spans.find((s) => s.spanId === sdkRoot?.spanContext().spanId);
    // Times keep microsecond precision: the SDK's [seconds, nanos] start, truncated to µs.
    const [sec, nanos] = sdkRoot?.startTime ?? [0, 0];
    expect(root?.startMs).toBe(sec * 1000 + Math.floor(nanos / 1000) / 1000);
    expect(root?.service).toBe("decoders");
  });

  it("keeps kvlist values of any shape and rejects malformed AnyValues with a message naming the field", () => {
    const body = (value: unknown) =>
      new TextEncoder().encode(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: "ab".repeat(16), spanId: "cd".repeat(8), name: "s", startTimeUnixNano: "1000000", attributes: [{ key: "k", value }] }] }] }] }));
    const ok = decodeTraceRequest(body({ kvlistValue: { values: [{ key: "invalid", value: { stringValue: "not an error" } }] } }), "json");
    expect(ok.ok && ok.spans[0]?.attributes).toEqual({ k: { invalid: "not an error" } });
    for (const [value, message] of [
      [{ stringValue: 5 }, "stringValue must be a string"],
      [{ intValue: "12x" }, "intValue must be a number"],
      [{ arrayValue: { values: "no" } }, "arrayValue.values must be an array"],
      ["plain", "AnyValue must be an object"],
    ] as const) {
      const bad = decodeTraceRequest(body(value), "json");
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.error.message).toContain(message);
    }
  });
});
