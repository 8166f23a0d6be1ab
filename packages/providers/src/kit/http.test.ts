import { getEventListeners } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Effect, Exit, Fiber } from "effect";
import { afterEach, describe, expect, it } from "vitest";
import { readJson, requestJson, sendRequest } from "./http.js";

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

  it.each([
    ["sendRequest", false],
    ["requestJson", true],
  ] as const)("aborts the upstream request when the Effect is interrupted before the headers (%s)", async (_name, oneStep) => {
    let closed: () => void = () => undefined;
    const wasClosed = new Promise<void>((r) => (closed = r));
    let arrived: () => void = () => undefined;
    const hasArrived = new Promise<void>((r) => (arrived = r));
    const url = await serve((req) => {
      arrived();
      req.socket.on("close", () => closed());
    });
    const input = { url, headers: {}, ...ctx };
    const fiber = Effect.runFork(oneStep ? requestJson(input) : sendRequest(input));
    await hasArrived;
    await Effect.runPromise(Fiber.interrupt(fiber));
    await wasClosed; // bounded by the test timeout: the socket closes only if the request was aborted
  });

  it("follows redirects as fetch does: 307 keeps the POST, 303 becomes a GET without a body", async () => {
    const seen: string[] = [];
    const url = await serve((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        seen.push(`${req.method} ${req.url} ${req.headers["content-type"] ?? "-"} ${body || "-"}`);
        if (req.url === "/a") return void res.writeHead(307, { location: "/b" }).end();
        if (req.url === "/b") return void res.writeHead(303, { location: "/c" }).end("see other");
        res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      });
    });
    expect(await Effect.runPromise(requestJson({ url: `${url}/a`, headers: {}, body: { n: 1 }, ...ctx }))).toEqual({ ok: true });
    expect(seen).toEqual(['POST /a application/json {"n":1}', 'POST /b application/json {"n":1}', "GET /c - -"]);
  });

  it("does not send credentials to another origin on a redirect, and gives up after 20 redirects", async () => {
    let otherAuth: string | undefined = "unset";
    const other = createServer((req, res) => {
      otherAuth = req.headers.authorization ?? req.headers["x-api-key"]?.toString();
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    await new Promise<void>((r) => other.listen(0, "127.0.0.1", () => r()));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/x`;
    try {
      const url = await serve((req, res) => {
        if (req.url === "/away") return void res.writeHead(307, { location: otherUrl }).end();
        res.writeHead(302, { location: "/loop" }).end();
      });
      await Effect.runPromise(requestJson({ url: `${url}/away`, headers: { authorization: "Bearer sk-secret", "x-api-key": "k" }, body: {}, ...ctx }));
      expect(otherAuth).toBeUndefined();
      const looped = await Effect.runPromise(Effect.flip(requestJson({ url: `${url}/loop`, headers: {}, ...ctx })));
      expect(looped._tag).toBe("Unavailable");
      expect(looped.message).toContain("more than 20 redirects");
    } finally {
      other.closeAllConnections();
      await new Promise<void>((r) => other.close(() => r()));
    }
  });

  it("requestJson maps a non-2xx through mapHttpError and a body that is not JSON to Unavailable", async () => {
    const url = await serve((req, res) => {
      if (req.url === "/limited") return void res.writeHead(429, { "retry-after": "3" }).end('{"error":{"message":"slow down"}}');
      res.writeHead(200, { "content-type": "application/json" }).end("<html>oops</html>");
    });
    const limited = await Effect.runPromise(Effect.flip(requestJson({ url: `${url}/limited`, headers: {}, body: {}, ...ctx })));
    expect(limited).toMatchObject({ _tag: "RateLimited", retryAfterMs: 3_000 });
    const broken = await Effect.runPromise(Effect.flip(requestJson({ url: `${url}/html`, headers: {}, body: {}, ...ctx })));
    expect(broken).toMatchObject({ _tag: "Unavailable", status: 200 });
    expect(broken.message).toContain("not valid JSON: <html>oops</html>");
  });

  it.each([
    ["requestJson", true],
    ["sendRequest + readJson", false],
  ] as const)("%s honours the caller's signal, and lets go of it when each request ends", async (_name, oneStep) => {
    let hang = false;
    const url = await serve((_req, res) => {
      if (!hang) res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
    const caller = new AbortController();
    const call = () => {
      const input = { url, headers: {}, body: {}, ...ctx, signal: caller.signal };
      return oneStep ? requestJson(input) : Effect.flatMap(sendRequest(input), (r) => readJson(r, ctx));
    };
    for (let i = 0; i < 5; i++) expect(await Effect.runPromise(call())).toEqual({ ok: true });
    // The body's end is signalled just after its last byte is read.
    await new Promise((r) => setTimeout(r, 10));
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
    hang = true;
    const pending = Effect.runPromise(Effect.flip(call()));
    await new Promise((r) => setTimeout(r, 50));
    caller.abort();
    expect(await pending).toMatchObject({ _tag: "Unavailable" });
    const late = await Effect.runPromise(Effect.flip(call()));
    expect(late._tag).toBe("Unavailable");
  });

  it("requestJson reports a body cut off mid-way, and a refused connection, as Unavailable", async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"half":');
      setTimeout(() => res.destroy(), 20);
    });
    const cut = await Effect.runPromise(Effect.flip(requestJson({ url, headers: {}, body: {}, ...ctx })));
    expect(cut).toMatchObject({ _tag: "Unavailable", status: 200 });
    expect(cut.message).toContain("response body cut off");
    server?.closeAllConnections();
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    const refused = await Effect.runPromise(Effect.flip(requestJson({ url, headers: { authorization: "Bearer sk-secret" }, body: {}, ...ctx })));
    expect(refused._tag).toBe("Unavailable");
    expect(refused.message).toContain(`could not reach ${new URL(url).host}`);
    expect(refused.message).not.toContain("sk-secret");
  });

  it.each([
    ["undici", undefined, false],
    ["a user-supplied fetch", globalThis.fetch, false],
    ["requestJson", undefined, true],
  ] as const)("closes the upstream connection when interrupted while reading the body (%s)", async (_name, fetch, oneStep) => {
    let closed: () => void = () => undefined;
    const wasClosed = new Promise<void>((r) => (closed = r));
    const url = await serve((req, res) => {
      // Headers and half a body, then nothing: the reader waits until it is interrupted.
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"half":');
      req.socket.on("close", () => closed());
    });
    const input = { url, headers: {}, ...ctx, ...(fetch ? { fetch } : {}) };
    const read = oneStep ? requestJson(input) : Effect.flatMap(sendRequest(input), (r) => readJson(r, ctx));
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
