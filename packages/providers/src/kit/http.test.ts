import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Effect, Exit, Fiber } from "effect";
import { afterEach, describe, expect, it } from "vitest";
import { readJson, sendRequest } from "./http.js";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

const serve = async (handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> => {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
};
const ctx = { provider: "p", model: "m" };

describe("sendRequest (default undici transport)", () => {
  it("sends JSON, reuses keep-alive connections and answers a standard Response", async () => {
    const sockets = new Set<unknown>();
    const seen: Array<{ method?: string; type?: string; body: string }> = [];
    const url = await serve((req, res) => {
      sockets.add(req.socket);
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        seen.push({ method: req.method, type: req.headers["content-type"], body });
        res.writeHead(200, { "content-type": "application/json", "x-request-id": "abc" }).end('{"ok":true}');
      });
    });
    for (let i = 0; i < 6; i++) {
      const response = await Effect.runPromise(sendRequest({ url: `${url}/v1`, headers: {}, body: { n: i }, ...ctx }));
      expect(response).toMatchObject({ ok: true, status: 200 });
      expect(response.headers.get("x-request-id")).toBe("abc");
      expect(await response.json()).toEqual({ ok: true });
    }
    expect(seen[5]).toEqual({ method: "POST", type: "application/json", body: '{"n":5}' });
    // The pool may open a second connection while the first is being released; never one per request.
    expect(sockets.size).toBeLessThanOrEqual(2);
  });

  it("follows a redirect like fetch", async () => {
    const url = await serve((req, res) => {
      if (req.url === "/old") return void res.writeHead(307, { location: "/new" }).end();
      res.writeHead(200, { "content-type": "application/json" }).end(`{"at":"${req.url}"}`);
    });
    const json = await Effect.runPromise(Effect.flatMap(sendRequest({ url: `${url}/old`, headers: {}, body: {}, ...ctx }), (r) => readJson(r, ctx)));
    expect(json).toEqual({ at: "/new" });
  });

  it("maps a refused connection to Unavailable naming the host, and a non-2xx through mapHttpError", async () => {
    const url = await serve((_req, res) => void res.writeHead(429, { "retry-after": "2" }).end('{"error":{"message":"slow down"}}'));
    const limited = await Effect.runPromiseExit(sendRequest({ url, headers: {}, ...ctx }));
    expect(limited).toMatchObject({ _tag: "Failure" });
    if (Exit.isFailure(limited)) expect(JSON.stringify(limited.cause)).toContain("RateLimited");
    server?.closeAllConnections();
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    const refused = await Effect.runPromise(Effect.flip(sendRequest({ url, headers: { authorization: "Bearer sk-secret" }, ...ctx })));
    expect(refused._tag).toBe("Unavailable");
    expect(refused.message).toContain(`could not reach ${new URL(url).host}`);
    expect(refused.message).not.toContain("sk-secret");
  });

  it("aborts the upstream request when the Effect is interrupted", async () => {
    let closed: () => void = () => undefined;
    const wasClosed = new Promise<void>((r) => (closed = r));
    let arrived: () => void = () => undefined;
    const hasArrived = new Promise<void>((r) => (arrived = r));
    const url = await serve((req) => {
      arrived();
      req.socket.on("close", () => closed());
    });
    const fiber = Effect.runFork(sendRequest({ url, headers: {}, ...ctx }));
    await hasArrived;
    await Effect.runPromise(Fiber.interrupt(fiber));
    await wasClosed; // bounded by the test timeout: the socket closes only if the request was aborted
  });

  it.each([
    ["undici", undefined],
    ["a user-supplied fetch", globalThis.fetch],
  ] as const)("closes the upstream connection when interrupted while reading the body (%s)", async (_name, fetch) => {
    let closed: () => void = () => undefined;
    const wasClosed = new Promise<void>((r) => (closed = r));
    const url = await serve((req, res) => {
      // Headers and half a body, then nothing: the reader waits until it is interrupted.
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"half":');
      req.socket.on("close", () => closed());
    });
    const read = Effect.flatMap(sendRequest({ url, headers: {}, ...ctx, ...(fetch ? { fetch } : {}) }), (r) => readJson(r, ctx));
    const fiber = Effect.runFork(read);
    await new Promise((r) => setTimeout(r, 100));
    await Effect.runPromise(Fiber.interrupt(fiber));
    await wasClosed; // bounded by the test timeout: the socket closes only if the body read was cancelled
  });

  it("honours a user-supplied fetch", async () => {
    const calls: string[] = [];
    const fetch = async (input: string | URL | Request): Promise<Response> => {
      calls.push(String(input));
      return new Response('{"via":"custom"}', { status: 200 });
    };
    const response = await Effect.runPromise(sendRequest({ url: "http://127.0.0.1:9/x", headers: {}, ...ctx, fetch }));
    expect(await response.json()).toEqual({ via: "custom" });
    expect(calls).toEqual(["http://127.0.0.1:9/x"]);
  });
});
