import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import { toAnthropicErrorBody } from "../anthropic/anthropic-error-body.js";
import type { TlsMaterial } from "../config/resolve-tls-material.js";
import { answerClientError } from "../http/client-error.js";
import { GatewayError, toGatewayError } from "../http/gateway-error.js";
import { sendJson } from "../http/respond.js";
import { toOpenAIErrorBody } from "../openai/openai-error-body.js";
import type { Exchange, GatewayContext, WireFormat } from "./gateway-context.js";
import { createCancellation, type Cancellation } from "./cancellation.js";
import { routeRequest } from "./route-request.js";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const sendError = (res: ServerResponse, format: WireFormat, e: GatewayError, requestId: string): void => {
  if (res.headersSent) {
    res.end();
    return;
  }
  const headers: Record<string, string> = { "x-request-id": requestId };
  if (e.retryAfterSeconds !== undefined) headers["retry-after"] = String(e.retryAfterSeconds);
  sendJson(res, e.status, format === "anthropic" ? toAnthropicErrorBody(e) : toOpenAIErrorBody(e), headers);
};

/** The HTTP server and its shutdown controls. */
export interface GatewayServer {
  /** `node:http`, or `node:https` when TLS material was given; the same handler either way. */
  readonly server: Server | HttpsServer;
  /** Swaps the certificate and key for new connections (HTTPS only; hot reload of `server.tls`). */
  readonly setTls: (tls: TlsMaterial) => void;
  /** Stops accepting, waits for in-flight requests and streams (up to `graceMs`), then closes every socket. */
  readonly drain: (graceMs: number) => Promise<void>;
}

/** The request timeout's callback: module-level, so a timer costs no closure per request. */
const timeOut = (cancellation: Cancellation): void => cancellation.cancel("timeout");

/**
 * Builds the gateway's `node:http` server (`node:https` with `tls`): routing by a switch, a
 * request id per request, a cancellation that fires on client disconnect or the request
 * timeout, and error bodies in the endpoint's wire format (OpenAI's for requests Node's HTTP
 * parser rejects). Unexpected exceptions are logged (redacted) and answered with a generic 500.
 * @example
 * const { server } = createGatewayServer(gw, resolveTlsMaterial({ cert: "gw.pem", key: "gw.key" }, process.cwd()));
 * server.listen(8443);
 */
export const createGatewayServer = (gw: GatewayContext, tls?: TlsMaterial): GatewayServer => {
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  const limits = gw.current().settings.limits;

  const isDraining = (): boolean => draining;
  const released = (): void => {
    inFlight--;
    if (inFlight === 0) idle?.();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const runtime = gw.current();
    const cancellation = createCancellation();
    const timer = setTimeout(timeOut, runtime.settings.limits.requestTimeoutMs, cancellation);
    // One listener per exchange: it ends the in-flight count, and a client that goes away
    // before the answer is complete cancels the routed call upstream. `on`, not `once`: a
    // response closes once, and `once` wraps every listener in a bound function of its own.
    res.on("close", () => {
      released();
      clearTimeout(timer);
      if (!res.writableFinished) cancellation.cancel("client-left");
    });
    const headerId = req.headers["x-request-id"];
    // The UUID as it comes (dashes kept): stripping them cost as much as making it.
    const requestId = typeof headerId === "string" && REQUEST_ID.test(headerId) ? headerId : `req_${randomUUID()}`;
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    const match = routeRequest(req.method ?? "GET", path, isDraining);
    if ("error" in match) {
      req.resume();
      const e = match.error === 404
        ? new GatewayError(404, "invalid_request_error", "unknown_url", `Unknown request URL: ${req.method} ${path}.`)
        : new GatewayError(405, "invalid_request_error", "method_not_allowed", `Method ${req.method} is not allowed on ${path}.`);
      sendError(res, path === "/v1/messages" ? "anthropic" : "openai", e, requestId);
      return;
    }
    const ex: Exchange = { req, res, requestId, runtime, format: match.format, cancellation };
    try {
      await match.handler(gw, ex);
    } catch (e) {
      const { error, unexpected } = toGatewayError(e);
      if (unexpected) gw.log.error("unexpected error while handling a request", { requestId, path, error: e, stack: e instanceof Error ? e.stack : undefined });
      if (!res.destroyed) sendError(res, match.format, error, requestId);
    }
  };

  // Node bounds receiving a request (`requestTimeout`); headers must come within it (Node rejects headersTimeout > requestTimeout).
  const receiveMs = Math.min(limits.requestTimeoutMs, 300_000);
  const options: ServerOptions = { maxHeaderSize: limits.maxHeaderBytes, requestTimeout: receiveMs, headersTimeout: Math.min(60_000, receiveMs), keepAliveTimeout: 5_000 };
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    inFlight++;
    if (draining) res.setHeader("connection", "close");
    void handle(req, res);
  };
  const server = tls === undefined ? createServer(options, listener) : createHttpsServer({ ...options, ...tls }, listener);
  server.on("clientError", answerClientError);

  return {
    server,
    setTls: (next) => {
      if ("setSecureContext" in server) server.setSecureContext({ ...next });
    },
    drain: async (graceMs) => {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((resolve) => (idle = resolve)), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
      }
      server.closeAllConnections();
      await closed;
    },
  };
};
