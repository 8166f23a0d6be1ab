import type { IncomingMessage, ServerResponse } from "node:http";

/** Largest OTLP body accepted (bytes); bigger batches get 413 so a client can split them. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * Reads the whole request body, or undefined when it exceeds `limit` bytes.
 * @example
 * const body = await readBody(req, MAX_BODY_BYTES);
 */
export const readBody = async (req: IncomingMessage, limit: number): Promise<Buffer | undefined> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) return undefined;
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
};

/** Sends a JSON body. @example sendJson(res, 200, { ok: true }); */
export const sendJson = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), "cache-control": "no-store" });
  res.end(text);
};

/**
 * Sends an OpenAI-style error body (`{ error: { message, type, code } }`).
 * @example
 * sendError(res, 404, "run not found", "not_found");
 */
export const sendError = (res: ServerResponse, status: number, message: string, code: string): void =>
  sendJson(res, status, { error: { message, type: status >= 500 ? "server_error" : "invalid_request_error", code } });
