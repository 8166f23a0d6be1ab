import type { Readable } from "node:stream";
import { UndiciResponse } from "./undici-response.js";

/** How long an upstream may keep sending after its terminal message before the body is cut off. */
const DRAIN_LIMIT_MS = 1_000;

/**
 * A streaming response's body, read so that its connection can be reused: leaving `chunks`
 * does not end the body; after the stream's terminal message `drainRest` reads what is left
 * and drops it, and after an early stop `cancel` ends it.
 */
export interface ReusableBody {
  readonly chunks: AsyncIterable<Uint8Array>;
  /** Reads the rest of the body and drops it; cuts it off if it has not ended within a second. */
  readonly drainRest: () => void;
  /** Ends the body unread (the connection is closed). */
  readonly cancel: () => void;
}

// After the terminal message the body normally holds only the end of the chunked encoding,
// often still in flight. Cancelling or destroying the body before it lands makes the HTTP
// client close the socket instead of returning it to its pool, so the next request would
// pay a new connection (and TLS handshake).
const nodeBody = (body: Readable): ReusableBody => ({
  chunks: body.iterator({ destroyOnReturn: false }),
  drainRest: () => {
    if (body.readableEnded || body.destroyed) return;
    const cutOff = setTimeout(() => body.destroy(), DRAIN_LIMIT_MS);
    cutOff.unref();
    body.on("error", () => undefined);
    body.on("close", () => clearTimeout(cutOff));
    body.resume();
  },
  cancel: () => {
    if (!body.destroyed) body.destroy();
  },
});

const webBody = (body: ReadableStream<Uint8Array>): ReusableBody => {
  const reader = body.getReader();
  const chunks: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: async (): Promise<IteratorResult<Uint8Array>> => {
        const r = await reader.read();
        return r.done ? { done: true, value: undefined } : { done: false, value: r.value };
      },
      return: async (): Promise<IteratorResult<Uint8Array>> => ({ done: true, value: undefined }),
    }),
  };
  const drainRest = (): void => {
    const cutOff = setTimeout(() => void reader.cancel().catch(() => undefined), DRAIN_LIMIT_MS);
    cutOff.unref();
    const drain = async (): Promise<void> => {
      while (!(await reader.read()).done);
    };
    void drain()
      .catch(() => undefined)
      .finally(() => clearTimeout(cutOff));
  };
  return { chunks, drainRest, cancel: () => void reader.cancel().catch(() => undefined) };
};

/**
 * The body of a streaming response as a {@link ReusableBody}: undici's Node stream when the
 * response came from `sendRequest` (lighter), else the web stream of a user-supplied `fetch`;
 * `null` when the response has no body.
 * @example
 * const body = reusableBody(response);
 * for await (const chunk of body.chunks) if (isLast(chunk)) break;
 * body.drainRest();
 */
export const reusableBody = (response: Response): ReusableBody | null => {
  const node = response instanceof UndiciResponse ? response.nodeBody() : null;
  if (node !== null) return nodeBody(node);
  return response.body === null ? null : webBody(response.body);
};
