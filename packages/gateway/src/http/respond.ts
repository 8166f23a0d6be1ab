import type { ServerResponse } from "node:http";

/** Headers sent with every JSON answer, built once. */
const JSON_HEADERS = { "content-type": "application/json" } as const;

/** Headers sent when an SSE stream opens, built once. */
const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  connection: "keep-alive",
  "x-accel-buffering": "no",
} as const;

/**
 * Writes a JSON answer with extra headers (switchyard headers, request id...).
 * @example
 * sendJson(res, 200, { ok: true }, { "x-request-id": id });
 */
export const sendJson = (res: ServerResponse, status: number, body: unknown, headers?: Readonly<Record<string, string>>): void =>
  sendJsonText(res, status, JSON.stringify(body), headers);

/**
 * Writes an answer already encoded as JSON text (see {@link sendJson}).
 * @example
 * sendJsonText(res, 200, '{"ok":true}', { "x-request-id": id });
 */
export const sendJsonText = (res: ServerResponse, status: number, text: string, headers?: Readonly<Record<string, string>>): void => {
  // Object.assign, not `{ ...JSON_HEADERS, ...headers }`: on Node 20 that gives every answer's
  // headers a hidden class of their own, and Node's header writer reads them megamorphically.
  const all: Record<string, string | number> = Object.assign({}, JSON_HEADERS, headers);
  all["content-length"] = Buffer.byteLength(text);
  res.writeHead(status, all);
  res.end(text);
};

/**
 * Opens an SSE response; write events with `res.write`. The headers leave with the first
 * event (one packet, not two): callers open the stream only once they have an event to send.
 * @example
 * openSse(res, { "x-request-id": id });
 * res.write(sseFrame({ type: "ping" }, "ping"));
 */
export const openSse = (res: ServerResponse, headers: Readonly<Record<string, string>>): void => {
  res.writeHead(200, Object.assign({}, SSE_HEADERS, headers));
};

/**
 * Formats one SSE frame, with an `event:` line when the format names its events (Anthropic).
 * @example
 * res.write(sseFrame({ type: "ping" }, "ping"));
 */
export const sseFrame = (data: unknown, event?: string): string =>
  event === undefined ? `data: ${JSON.stringify(data)}\n\n` : `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
