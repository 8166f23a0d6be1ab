import type { IncomingMessage, ServerResponse } from "node:http";
import { decodeTraceRequest, otlpEncodingOf, type OtlpEncoding } from "../otlp/decode-trace-request.js";
import { encodeTraceResponseProto } from "../otlp/otlp-trace-proto.js";
import type { TraceStore } from "../store/trace-store.js";
import type { LiveUpdates } from "./live-updates.js";
import { MAX_BODY_BYTES, readBody } from "./http-helpers.js";

const contentTypeOf = (encoding: OtlpEncoding): string => (encoding === "protobuf" ? "application/x-protobuf" : "application/json");

// OTLP errors are a google.rpc.Status; in JSON its `message` is what clients log.
const replyError = (res: ServerResponse, encoding: OtlpEncoding, status: number, message: string): void => {
  res.writeHead(status, { "content-type": contentTypeOf(encoding) });
  res.end(encoding === "json" ? JSON.stringify({ code: 3, message }) : Buffer.alloc(0));
};

/**
 * Handles OTLP/HTTP: `/v1/traces` stores spans (protobuf or JSON, replying in the same
 * encoding) and publishes changed runs; `/v1/metrics` and `/v1/logs` are acknowledged so
 * a full OTel SDK pointed here does not log errors.
 * @example
 * if (url.pathname.startsWith("/v1/")) return handleOtlp(req, res, url.pathname, store, live);
 */
export const handleOtlp = async (req: IncomingMessage, res: ServerResponse, pathname: string, store: TraceStore, live: LiveUpdates): Promise<void> => {
  const encoding = otlpEncodingOf(req.headers["content-type"]);
  if (req.method !== "POST") {
    res.writeHead(405, { allow: "POST", "content-type": "application/json" });
    return void res.end(JSON.stringify({ code: 3, message: "OTLP endpoints accept POST only" }));
  }
  if (!encoding) {
    res.writeHead(415, { "content-type": "application/json" });
    return void res.end(JSON.stringify({ code: 3, message: "content-type must be application/x-protobuf or application/json" }));
  }
  const body = await readBody(req, MAX_BODY_BYTES);
  if (!body) return replyError(res, encoding, 413, `body larger than ${MAX_BODY_BYTES} bytes; export smaller batches`);
  if (pathname !== "/v1/traces") {
    res.writeHead(200, { "content-type": contentTypeOf(encoding) });
    return void res.end(encoding === "json" ? "{}" : Buffer.alloc(0));
  }
  const decoded = decodeTraceRequest(body, encoding, req.headers["content-encoding"]);
  if (!decoded.ok) return replyError(res, encoding, decoded.error.status ?? 400, decoded.error.message);
  // Stored (committed) before we acknowledge, so an acknowledged span is never lost.
  const changed = store.ingest(decoded.spans);
  live.publish(changed);
  res.writeHead(200, { "content-type": contentTypeOf(encoding) });
  res.end(encoding === "json" ? "{}" : encodeTraceResponseProto(0));
};
