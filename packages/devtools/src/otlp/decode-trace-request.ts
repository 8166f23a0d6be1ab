import { gunzipSync } from "node:zlib";
import { BadRequest } from "@switchyard/core";
import type { IngestSpan } from "./ingest-span.js";
import { decodeTraceRequestProto } from "./otlp-trace-proto.js";
import { OtlpTraceRequest } from "./otlp-trace-schema.js";

/** The two OTLP/HTTP encodings; a reply uses the request's. */
export type OtlpEncoding = "protobuf" | "json";

/**
 * The encoding a `Content-Type` names, or undefined when it is neither OTLP encoding.
 * @example
 * otlpEncodingOf("application/x-protobuf"); // "protobuf"
 */
export const otlpEncodingOf = (contentType: string | undefined): OtlpEncoding | undefined => {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/x-protobuf" || type === "application/protobuf") return "protobuf";
  if (type === "application/json") return "json";
  return undefined;
};

/** A decode outcome: the spans, or the 4xx to answer with. */
export type DecodedTraces = { readonly ok: true; readonly spans: ReadonlyArray<IngestSpan> } | { readonly ok: false; readonly error: BadRequest };

const fail = (message: string, status = 400): DecodedTraces => ({ ok: false, error: new BadRequest({ message, status }) });

/**
 * Decodes an OTLP/HTTP trace export body (protobuf or JSON, optionally gzip-compressed).
 * Bad input becomes a `BadRequest` value carrying the HTTP status to reply with.
 * @example
 * const decoded = decodeTraceRequest(body, "protobuf", req.headers["content-encoding"]);
 * if (!decoded.ok) reply(decoded.error.status, decoded.error.message);
 */
export const decodeTraceRequest = (body: Uint8Array, encoding: OtlpEncoding, contentEncoding?: string): DecodedTraces => {
  let bytes = body;
  if (contentEncoding === "gzip") {
    try {
      bytes = gunzipSync(body);
    } catch {
      return fail("body is not valid gzip");
    }
  } else if (contentEncoding && contentEncoding !== "identity") {
    return fail(`unsupported content-encoding "${contentEncoding}"`, 415);
  }
  if (encoding === "protobuf") {
    try {
      return { ok: true, spans: decodeTraceRequestProto(bytes) };
    } catch (e) {
      return fail(`body is not a valid OTLP protobuf ExportTraceServiceRequest: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  let plain: unknown;
  try {
    plain = JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch (e) {
    return fail(`body is not a valid OTLP json ExportTraceServiceRequest: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = OtlpTraceRequest.safeParse(plain);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`invalid ExportTraceServiceRequest at ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`);
  }
  return { ok: true, spans: parsed.data };
};
