import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Effect, Stream } from "effect";
import { afterEach, describe, expect, it } from "vitest";
import { Unavailable, type StreamEvent } from "@switchyard/core";
import { sendRequest } from "./http.js";
import { sseDone, sseEventStream, type SseMapper } from "./sse-stream.js";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

/** A server that writes `data: n` every 20 ms forever (or cuts after `cutAfter`), reporting when the client goes away. */
const startTicker = async (opts: { cutAfter?: number; end?: string } = {}) => {
  let closedByClient = false;
  let closeSeen: () => void = () => undefined;
  const closed = new Promise<void>((r) => (closeSeen = r));
  server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    if (opts.end !== undefined) return void res.end(opts.end);
    let n = 0;
    const timer = setInterval(() => {
      if (opts.cutAfter !== undefined && n === opts.cutAfter) return res.socket?.destroy();
      res.write(`data: ${n++}\n\n`);
    }, 20);
    res.on("close", () => {
      clearInterval(timer);
      closedByClient = !res.writableFinished;
      closeSeen();
    });
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
  const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`;
  return { url, closed, wasClosedByClient: () => closedByClient };
};

const textMapper = (): SseMapper => ({
  onMessage: (m) => (m.data === "[DONE]" ? sseDone([{ type: "finish", finishReason: "stop" }]) : [{ type: "text-delta", delta: m.data }]),
  onEnd: () => new Unavailable({ message: "ended without [DONE]" }),
});

const streamFrom = (url: string): Stream.Stream<StreamEvent, import("@switchyard/core").ProviderError> =>
  sseEventStream({
    provider: "p",
    model: "m",
    open: (signal) => sendRequest({ url, headers: {}, provider: "p", model: "m", signal }),
    mapper: textMapper,
  });

describe("sseEventStream", () => {
  it("aborts the upstream request when the consumer stops", async () => {
    const ticker = await startTicker();
    const events = await Effect.runPromise(Stream.runCollect(streamFrom(ticker.url).pipe(Stream.take(3))));
    expect(events).toEqual(["0", "1", "2"].map((delta) => ({ type: "text-delta", delta })));
    await ticker.closed;
    expect(ticker.wasClosedByClient()).toBe(true);
  });

  it("maps a stream cut mid-way to Unavailable", async () => {
    const ticker = await startTicker({ cutAfter: 2 });
    const error = await Effect.runPromise(Effect.flip(Stream.runCollect(streamFrom(ticker.url))));
    expect(error._tag).toBe("Unavailable");
    expect(error.message).toContain("stream cut off");
  });

  it("ends at the mapper's terminal message and reports early EOF through onEnd", async () => {
    const done = await startTicker({ end: "data: a\n\ndata: [DONE]\n\ndata: ignored\n\n" });
    expect(await Effect.runPromise(Stream.runCollect(streamFrom(done.url)))).toEqual([
      { type: "text-delta", delta: "a" },
      { type: "finish", finishReason: "stop" },
    ]);
  });

  it.each([
    ["undici's Node body", undefined],
    ["a user-supplied fetch's web body", globalThis.fetch],
  ])("reads %s to its end after the terminal message, so the next stream reuses the connection", async (_kind, fetch) => {
    // [DONE] first, the end of the chunked body 5 ms later: ending the body at [DONE] would close the socket.
    let connections = 0;
    server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: a\n\ndata: [DONE]\n\n");
      setTimeout(() => res.end(), 5);
    }).on("connection", () => connections++);
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const stream = sseEventStream({
      provider: "p",
      model: "m",
      open: (signal) => sendRequest({ url, headers: {}, provider: "p", model: "m", signal, ...(fetch ? { fetch } : {}) }),
      mapper: textMapper,
    });
    for (let i = 0; i < 5; i++) {
      expect(await Effect.runPromise(Stream.runCollect(stream))).toEqual([
        { type: "text-delta", delta: "a" },
        { type: "finish", finishReason: "stop" },
      ]);
      await new Promise((r) => setTimeout(r, 20)); // the end of the body lands; the socket goes back to the pool
    }
    expect(connections).toBe(1);
  });

  it("cuts off an upstream that keeps the body open after the terminal message", async () => {
    const ticker = await startTicker();
    // The ticker never ends; a mapper that ends at its first message leaves the rest to the drain.
    const first: SseMapper = { onMessage: (m) => sseDone([{ type: "text-delta", delta: m.data }]), onEnd: () => [] };
    const events = await Effect.runPromise(
      Stream.runCollect(sseEventStream({ provider: "p", model: "m", open: (signal) => sendRequest({ url: ticker.url, headers: {}, provider: "p", model: "m", signal }), mapper: () => first })),
    );
    expect(events).toEqual([{ type: "text-delta", delta: "0" }]);
    const started = Date.now();
    await ticker.closed;
    expect(ticker.wasClosedByClient()).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("fails with the mapper's error when the body ends early", async () => {
    const early = await startTicker({ end: "data: a\n\n" });
    const error = await Effect.runPromise(Effect.flip(Stream.runCollect(streamFrom(early.url))));
    expect(error.message).toBe("ended without [DONE]");
  });
});
