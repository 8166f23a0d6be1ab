import { Agent, request, type ClientRequest } from "node:http";
import type { HttpTarget } from "./http-targets.js";
import { chatBody } from "./http-targets.js";

/** What one streamed request measured. */
export interface StreamTiming {
  /** Time from sending the request to the first content chunk, ms. */
  readonly ttftMs: number;
  /** Time from sending the request to the end of the stream, ms. */
  readonly totalMs: number;
  /** SSE `data:` events that carried content. */
  readonly contentChunks: number;
}

const CONTENT = /"content":"[^"]/;

/** A streaming request that is still open: resolves `firstToken` at the first content chunk. */
export interface OpenStream {
  readonly firstToken: Promise<number>;
  readonly done: Promise<StreamTiming>;
  /** Drops the connection (the server sees a client disconnect). */
  readonly abort: () => void;
}

/**
 * Opens one OpenAI-style SSE chat stream with plain `node:http` (cheap enough to hold a
 * thousand from one process) and times it.
 * @example
 * const s = openStream(target, agent);
 * const ttft = await s.firstToken;
 */
export const openStream = (target: HttpTarget, agent: Agent): OpenStream => {
  const url = new URL(target.url);
  const body = chatBody(target.model, true);
  const started = process.hrtime.bigint();
  const since = () => Number(process.hrtime.bigint() - started) / 1e6;
  let req: ClientRequest | undefined;
  let onFirst: (ms: number) => void = () => {};
  let failFirst: (e: Error) => void = () => {};
  const firstToken = new Promise<number>((resolve, reject) => {
    onFirst = resolve;
    failFirst = reject;
  });
  const done = new Promise<StreamTiming>((resolve, reject) => {
    let ttftMs = Number.NaN;
    let chunks = 0;
    let buffer = "";
    req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...target.headers },
      },
      (res) => {
        if (res.statusCode !== 200) {
          const e = new Error(`${target.name}: stream answered ${res.statusCode}`);
          failFirst(e);
          reject(e);
          res.resume();
          return;
        }
        res.setEncoding("utf8");
        res.on("data", (text: string) => {
          buffer += text;
          let nl = buffer.indexOf("\n");
          while (nl !== -1) {
            const line = buffer.slice(0, nl);
            buffer = buffer.slice(nl + 1);
            if (line.startsWith("data:") && CONTENT.test(line)) {
              chunks++;
              if (chunks === 1) {
                ttftMs = since();
                onFirst(ttftMs);
              }
            }
            nl = buffer.indexOf("\n");
          }
        });
        res.on("end", () => resolve({ ttftMs, totalMs: since(), contentChunks: chunks }));
        res.on("error", reject);
      },
    );
    req.on("error", (e) => {
      failFirst(e);
      reject(e);
    });
    req.end(body);
  });
  // An aborted stream's promises settle with an error nobody needs to see.
  done.catch(() => {});
  firstToken.catch(() => {});
  return { firstToken, done, abort: () => req?.destroy() };
};
