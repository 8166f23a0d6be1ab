import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * One canned answer. `chunks` makes an SSE response, one line each: a bare payload is
 * sent as `data: <chunk>` and ends a message; a line that starts with an SSE field is sent
 * as-is, and ends a message only when it is a `data:` line — so `event: message_start`
 * followed by `data: {...}` is one message, as Anthropic sends it.
 * `rawChunks` are written one by one exactly as given (strings or bytes, so binary framings
 * like AWS event-stream work too), `chunkDelayMs` apart; `keepOpen` leaves the response
 * open after the last one, the way a slow model would, so a test can cancel mid-stream.
 * @example
 * const route: FixtureRoute = { method: "POST", path: "/v1/chat/completions", status: 200, chunks: loadChunks(url) };
 */
export interface FixtureRoute {
  readonly method?: string;
  /** Exact path (without query) or a pattern tested against it. */
  readonly path: string | RegExp;
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string or bytes are sent as-is; any other value as JSON. */
  readonly body?: unknown;
  readonly chunks?: ReadonlyArray<string>;
  readonly rawChunks?: ReadonlyArray<string | Uint8Array>;
  readonly chunkDelayMs?: number;
  readonly keepOpen?: boolean;
}

/**
 * A request the fixture server received.
 * @example
 * expect(server.requests[0]?.body).toMatchObject({ model: "gpt-4o", stream: true });
 */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query string, as sent. */
  readonly url: string;
  /** Path without the query string. */
  readonly path: string;
  /** Parsed query string. */
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case header names. Unmasked: fixture tests assert the exact auth headers an adapter sends. */
  readonly headers: Readonly<Record<string, string>>;
  /** JSON-parsed body, or the raw text when it is not JSON (undefined when empty). */
  readonly body: unknown;
  readonly rawBody: string;
  /** Settles when the exchange ends; `aborted` tells whether the client hung up before the response was complete. */
  readonly closed: Promise<{ readonly aborted: boolean }>;
}

/**
 * A running fixture server.
 * @example
 * const server = await startFixtureServer({ routes: [{ path: "/v1/models", body: { data: [] } }] });
 * await server.close();
 */
export interface FixtureServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly requests: ReadonlyArray<RecordedRequest>;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });

const parse = (text: string): unknown => {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const SSE_FIELD = /^(event|data|id|retry):|^:/;

const sseLine = (c: string): string => (!SSE_FIELD.test(c) ? `data: ${c}\n\n` : c.startsWith("data:") ? `${c}\n\n` : `${c}\n`);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const writeRaw = async (res: ServerResponse, route: FixtureRoute, pieces: ReadonlyArray<string | Uint8Array>): Promise<void> => {
  for (const piece of pieces) {
    if (res.destroyed) return;
    res.write(piece);
    if (route.chunkDelayMs) await sleep(route.chunkDelayMs);
  }
  if (!route.keepOpen) res.end(route.body === undefined ? "" : (route.body as string | Uint8Array));
};

const whenClosed = (res: ServerResponse): Promise<{ aborted: boolean }> =>
  new Promise((resolve) => {
    let finished = false;
    res.on("finish", () => {
      finished = true;
    });
    res.on("close", () => resolve({ aborted: !finished }));
  });

const matches = (route: FixtureRoute, method: string, path: string): boolean =>
  (route.method === undefined || route.method.toUpperCase() === method) &&
  (typeof route.path === "string" ? route.path === path : route.path.test(path));

/**
 * Serves recorded wire traffic on 127.0.0.1 and records what the adapter sent, so a test
 * can replay a provider's real format over real HTTP and assert both directions — including
 * whether the client hung up early (`requests[i].closed`). The first matching route
 * answers; anything else gets a 404.
 * @example
 * const server = await startFixtureServer({
 *   routes: [{ method: "POST", path: "/v1/chat/completions", body: JSON.parse(readFileSync(fixture, "utf8")) }],
 * });
 * const model = createOpenAICompatible({ name: "openai", baseURL: `${server.url}/v1` })("gpt-4o");
 */
export const startFixtureServer = async (options: { readonly routes: ReadonlyArray<FixtureRoute> }): Promise<FixtureServer> => {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const closed = whenClosed(res);
    void readBody(req).then(
      (rawBody) => {
        const url = new URL(req.url ?? "/", "http://fixture");
        const method = req.method ?? "GET";
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
        requests.push({ method, url: req.url ?? "/", path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body: parse(rawBody), rawBody, closed });
        const route = options.routes.find((r) => matches(r, method, url.pathname));
        if (!route) {
          res.writeHead(404, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { message: `no fixture route for ${method} ${url.pathname}` } }));
          return;
        }
        if (route.rawChunks) {
          res.writeHead(route.status ?? 200, { ...route.headers });
          res.flushHeaders();
          void writeRaw(res, route, route.rawChunks);
          return;
        }
        if (route.chunks) {
          res.writeHead(route.status ?? 200, { "content-type": "text/event-stream", "cache-control": "no-cache", ...route.headers });
          res.end(route.chunks.map(sseLine).join(""));
          return;
        }
        const isRaw = typeof route.body === "string" || route.body instanceof Uint8Array;
        res.writeHead(route.status ?? 200, { "content-type": isRaw ? "text/plain" : "application/json", ...route.headers });
        res.end(route.body === undefined ? "" : isRaw ? (route.body as string | Uint8Array) : JSON.stringify(route.body));
      },
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/**
 * Reads a `.chunks.txt` fixture: one SSE message a line, blank lines ignored.
 * @example
 * const chunks = loadChunks(new URL("./__fixtures__/openai-text.chunks.txt", import.meta.url));
 */
export const loadChunks = (file: URL | string): string[] =>
  readFileSync(file, "utf8")
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "");

/**
 * Reads a `.json` fixture.
 * @example
 * const body = loadJsonFixture(new URL("./__fixtures__/openai-text.json", import.meta.url));
 */
export const loadJsonFixture = (file: URL | string): unknown => JSON.parse(readFileSync(file, "utf8"));
