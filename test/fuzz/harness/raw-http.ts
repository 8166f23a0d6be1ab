import { connect } from "node:net";

/** One raw HTTP/1.1 request, bytes exactly as given (no client-side validation). */
export interface RawRequest {
  readonly method: string;
  /** Sent verbatim in the request line: may be malformed on purpose. */
  readonly path: string;
  /** Header lines sent verbatim (`name: value`), so invalid or huge headers reach the server. */
  readonly headers?: ReadonlyArray<string>;
  readonly body?: Buffer | string;
  /** Omit the automatic `content-length` (when the test sets its own framing). */
  readonly noContentLength?: boolean;
  /** Default 8 s; a server that answers slower than this is reported as a hang. */
  readonly timeoutMs?: number;
}

/** What came back. `status` 0 means the connection closed with no response at all. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Thrown when the server neither answers nor closes within the timeout. */
export class HangError extends Error {
  override readonly name = "HangError";
}

const parse = (raw: Buffer): RawResponse => {
  const text = raw.toString("latin1");
  const end = text.indexOf("\r\n\r\n");
  if (end === -1) return { status: 0, headers: {}, body: text };
  const [statusLine = "", ...lines] = text.slice(0, end).split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(":");
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  let body = raw.subarray(Buffer.byteLength(text.slice(0, end + 4), "latin1"));
  if (headers["transfer-encoding"] === "chunked") {
    const parts: Buffer[] = [];
    let rest = body;
    for (;;) {
      const nl = rest.indexOf("\r\n");
      const size = nl === -1 ? 0 : parseInt(rest.subarray(0, nl).toString("latin1"), 16);
      if (!(size > 0)) break;
      parts.push(rest.subarray(nl + 2, nl + 2 + size));
      rest = rest.subarray(nl + 2 + size + 2);
    }
    body = Buffer.concat(parts);
  }
  return { status, headers, body: body.toString("utf8") };
};

/** True once `raw` holds a whole response framed by `content-length` or chunked encoding. */
const completeLength = (raw: Buffer, method: string): boolean => {
  const end = raw.indexOf("\r\n\r\n");
  if (end === -1) return false;
  const head = raw.subarray(0, end).toString("latin1");
  // HEAD answers and 204/304 carry headers only, whatever their content-length says.
  if (method === "HEAD" || /^HTTP\/1\.[01] (204|304)/.test(head)) return true;
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) return raw.subarray(-5).toString("latin1") === "0\r\n\r\n";
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
  return length !== undefined && raw.length - (end + 4) >= Number(length);
};

/**
 * Sends a raw HTTP/1.1 request to 127.0.0.1:`port` on a keep-alive connection (so a server
 * that answers early, e.g. a 413, can drain the body instead of resetting the socket), reads
 * the whole answer and closes. Rejects with {@link HangError} after `timeoutMs`.
 * @example
 * const res = await rawRequest(port, { method: "POST", path: "/v1/chat/completions", body: "{bad json" });
 * res.status; // 400
 */
export const rawRequest = (port: number, req: RawRequest): Promise<RawResponse> =>
  new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    const chunks: Buffer[] = [];
    const body = req.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, "utf8");
    const head = [
      `${req.method} ${req.path} HTTP/1.1`,
      `host: 127.0.0.1:${port}`,
      ...(req.noContentLength || (req.body === undefined && req.method === "GET") ? [] : [`content-length: ${body.length}`]),
      ...(req.headers ?? []),
    ].join("\r\n");
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      socket.destroy();
      reject(new HangError(`no answer within ${req.timeoutMs ?? 8_000} ms to ${req.method} ${req.path.slice(0, 80)}`));
    }, req.timeoutMs ?? 8_000);
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(parse(Buffer.concat(chunks)));
      socket.destroy();
    };
    socket.on("data", (c: Buffer) => {
      chunks.push(c);
      // Keep-alive: the answer is complete once its content-length is in (no need to wait for close).
      if (completeLength(Buffer.concat(chunks), req.method)) finish();
    });
    socket.on("error", () => {
      // A reset after (or instead of) the answer: parse whatever arrived.
    });
    socket.on("close", finish);
    socket.write(Buffer.from(`${head}\r\n\r\n`, "latin1"));
    // Large bodies go in slices and stop once the server has answered (an early 413), as an
    // HTTP client does; writing on into a closed socket would make the kernel reset it and
    // drop the answer before it is read.
    const SLICE = 256 * 1024;
    const writeFrom = (offset: number): void => {
      if (offset >= body.length || chunks.length > 0 || socket.destroyed) return;
      socket.write(body.subarray(offset, offset + SLICE), () => setImmediate(() => writeFrom(offset + SLICE)));
    };
    writeFrom(0);
  });
