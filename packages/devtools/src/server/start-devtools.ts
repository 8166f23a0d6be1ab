import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ConfigError } from "@switchyard/core";
import type { Retention } from "../store/retention.js";
import { openTraceStore } from "../store/trace-store.js";
import { authorized, isLoopbackHost, TOKEN_COOKIE } from "./access-token.js";
import { handleApi } from "./api-routes.js";
import { sendError } from "./http-helpers.js";
import { makeLiveUpdates } from "./live-updates.js";
import { handleOtlp } from "./otlp-receiver.js";
import { ensureUiBuilt, serveUi } from "./ui-assets.js";

/** Options of {@link startDevtools}. */
export interface DevtoolsOptions {
  /** Default 4318, the OTLP/HTTP port, so an OTel SDK with default settings reports here. 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. Any other host requires a token. */
  readonly host?: string;
  /** SQLite file; default `.switchyard/devtools.db` under the working directory; ":memory:" keeps nothing. */
  readonly dbPath?: string;
  readonly retention?: Partial<Retention>;
  /** Required from clients when set; defaults to `SWITCHYARD_DEVTOOLS_TOKEN`. */
  readonly token?: string;
  /** Build the UI when its bundle is missing (default true); false serves the API and OTLP only. */
  readonly ui?: boolean;
}

/** A running devtools. */
export interface Devtools {
  /** Base URL: the UI, the API under `/api`, and the OTLP endpoint (`/v1/traces`). */
  readonly url: string;
  readonly port: number;
  readonly close: () => Promise<void>;
}

/**
 * Starts the devtools: an OTLP/HTTP receiver, the embedded store and the web UI on one
 * origin. Rejects with `ConfigError` when asked to listen beyond localhost without a token.
 * @example
 * const dt = await startDevtools({ port: 0, dbPath: ":memory:" });
 * const telemetry = startTelemetry({ serviceName: "demo", otlpEndpoint: dt.url });
 * // ...
 * await dt.close();
 */
export const startDevtools = async (options: DevtoolsOptions = {}): Promise<Devtools> => {
  const host = options.host ?? "127.0.0.1";
  const token = options.token ?? (process.env.SWITCHYARD_DEVTOOLS_TOKEN || undefined);
  if (!isLoopbackHost(host) && !token) {
    throw new ConfigError({
      message: `devtools on host "${host}" would be reachable from other machines: set SWITCHYARD_DEVTOOLS_TOKEN (or pass token) first`,
      path: ["host"],
    });
  }
  if (options.ui !== false) await ensureUiBuilt();
  const store = openTraceStore({ path: options.dbPath ?? ".switchyard/devtools.db", ...(options.retention ? { retention: options.retention } : {}) });
  store.enforceRetention();
  const retentionTimer = setInterval(() => store.enforceRetention(), 60_000);
  retentionTimer.unref();
  const live = makeLiveUpdates();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://devtools.local");
    if (!authorized(req, url, token)) return sendError(res, 401, "missing or wrong devtools token (Authorization: Bearer, or ?token=)", "unauthorized");
    if (url.pathname.startsWith("/v1/")) return handleOtlp(req, res, url.pathname, store, live);
    if (url.pathname.startsWith("/api/")) return handleApi(req, res, url, store, live);
    if (req.method !== "GET" && req.method !== "HEAD") return sendError(res, 405, "the UI answers GET only", "method_not_allowed");
    // The UI's own fetches carry no token; remember the one its page was opened with.
    if (token && url.searchParams.get("token")) res.setHeader("set-cookie", `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
    return serveUi(res, url.pathname);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof URIError) return sendError(res, 400, "malformed URL encoding", "invalid_url");
      // A bug, not bad input: say so without echoing request data.
      console.error("switchyard devtools: request failed:", e instanceof Error ? e.message : String(e));
      if (!res.headersSent) sendError(res, 500, "internal error in the devtools", "internal_error");
      else res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 4318, host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close: async () => {
      clearInterval(retentionTimer);
      live.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      store.close();
    },
  };
};
