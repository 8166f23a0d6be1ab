import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * One canned upstream answer. `chunks` are written one by one (strings or raw bytes, so
 * binary framings like AWS event-stream work too); `keepOpen` leaves the response open
 * after the last chunk, the way a slow model would, so a test can cancel mid-stream.
 * @example
 * const route: FixtureRoute = { path: "/v1/messages", status: 200, headers: { "content-type": "application/json" }, body: "{}" };
 */
export interface FixtureRoute {
  readonly method?: string;
  /** Matched against the path without the query string. */
  readonly path: string | RegExp;
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  readonly chunks?: ReadonlyArray<string | Uint8Array>;
  readonly chunkDelayMs?: number;
  readonly keepOpen?: boolean;
}

/** What the server received. `closed` settles when the exchange ends; `aborted` tells whether the client hung up first. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query string, as sent. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly bodyText: string;
  readonly closed: Promise<{ readonly aborted: boolean }>;
}

/** A running loopback fixture server. @example const srv = await startLoopbackFixtureServer([route]); await srv.close(); */
export interface LoopbackFixtureServer {
  readonly url: string;
  readonly requests: ReadonlyArray<RecordedRequest>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const write = async (res: ServerResponse, route: FixtureRoute): Promise<void> => {
  for (const chunk of route.chunks ?? []) {
    if (res.destroyed) return;
    res.write(chunk);
    if (route.chunkDelayMs) await sleep(route.chunkDelayMs);
  }
  if (!route.keepOpen) res.end(route.body ?? "");
};

/**
 * Serves fixtures on 127.0.0.1 (ephemeral port) and records every request, including
 * whether the client aborted it. The conformance suite uses it because it needs binary
 * chunks and abort detection; unknown paths get a 404 JSON body.
 * @example
 * const srv = await startLoopbackFixtureServer([{ path: "/x", body: "{}" }]);
 * await fetch(`${srv.url}/x`, { method: "POST", body: "{}" });
 * srv.requests[0]?.bodyText; // "{}"
 * await srv.close();
 */
export const startLoopbackFixtureServer = async (routes: ReadonlyArray<FixtureRoute>): Promise<LoopbackFixtureServer> => {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const pieces: Buffer[] = [];
    let finished = false;
    const closed = new Promise<{ aborted: boolean }>((resolve) => {
      res.on("finish", () => {
        finished = true;
      });
      res.on("close", () => resolve({ aborted: !finished }));
    });
    req.on("data", (piece: Buffer) => pieces.push(piece));
    req.on("end", () => {
      const url = req.url ?? "/";
      const path = url.split("?")[0] ?? "/";
      requests.push({ method: req.method ?? "GET", url, headers: req.headers, bodyText: Buffer.concat(pieces).toString("utf8"), closed });
      const route = routes.find(
        (r) => (r.method ?? "POST") === req.method && (typeof r.path === "string" ? r.path === path : r.path.test(path)),
      );
      if (!route) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: `no fixture for ${req.method} ${path}` } }));
        return;
      }
      res.writeHead(route.status ?? 200, { ...route.headers });
      res.flushHeaders();
      void write(res, route);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
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
 * Splits a recorded SSE stream into its events (each keeps its trailing blank line), so a
 * fixture file holding the exact wire bytes can be replayed event by event.
 * @example
 * splitSseEvents("event: ping\ndata: {}\n\nevent: ping\ndata: {}\n\n").length; // 2
 */
export const splitSseEvents = (raw: string): string[] => raw.split(/(?<=\r?\n\r?\n)/).filter((s) => s.length > 0);
