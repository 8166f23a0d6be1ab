import { STATUS_CODES, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { toOpenAIErrorBody } from "../openai/openai-error-body.js";
import { GatewayError } from "./gateway-error.js";

/** What Node's HTTP parser rejected, as the gateway answers it (OpenAI's error shape: no route is known yet). */
const clientErrorFor = (code: string | undefined): GatewayError => {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return new GatewayError(431, "invalid_request_error", "request_header_fields_too_large", "The request's headers are too large.");
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return new GatewayError(408, "invalid_request_error", "request_timeout", "The request was not received in time.");
    default:
      return new GatewayError(400, "invalid_request_error", "malformed_request", "The request is not valid HTTP/1.1 (bad request line, header or framing).");
  }
};

/**
 * The server's `clientError` listener: where Node would answer a request its parser rejects
 * (an oversized header block, a bad header, broken chunked framing, a request that came too
 * slowly) with an empty 400/431/408, this answers with the same status and an OpenAI-style
 * JSON error body, then closes the connection. Nothing of the raw request is logged or echoed:
 * it may hold credentials.
 * @example
 * server.on("clientError", answerClientError);
 */
export const answerClientError = (error: Error & { readonly code?: string }, socket: Duplex): void => {
  // As Node does: write only when no answer on this connection has started, or the reply would
  // corrupt the one already on the wire. `_httpMessage` is the response in flight on the socket.
  const inFlight = (socket as Duplex & { readonly _httpMessage?: ServerResponse | null })._httpMessage;
  if (error.code === "ECONNRESET" || !socket.writable || inFlight?.headersSent === true) {
    socket.destroy();
    return;
  }
  const e = clientErrorFor(error.code);
  const body = JSON.stringify(toOpenAIErrorBody(e));
  socket.end(
    `HTTP/1.1 ${e.status} ${STATUS_CODES[e.status] ?? ""}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
};
