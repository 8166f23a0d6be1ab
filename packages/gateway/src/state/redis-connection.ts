import { createRequire } from "node:module";
import type { Redis } from "ioredis";
import type { Logger } from "../server/logger.js";

/**
 * A Redis client that fails fast instead of queueing while Redis is away (callers fall
 * back to local state), reconnects forever in the background, and tells its owner when it
 * comes back so local counters can be pushed.
 */
export interface RedisConnection {
  readonly client: Redis;
  /** True when the socket is connected and ready. */
  readonly connected: () => boolean;
  /** Runs `fn` on every (re)connection. */
  readonly onReady: (fn: () => void) => void;
  /** Runs `fn` when the connection drops. */
  readonly onDown: (fn: () => void) => void;
  /** Resolves once connected, or after `timeoutMs` (the gateway then starts degraded). */
  readonly waitReady: (timeoutMs: number) => Promise<boolean>;
  readonly close: () => Promise<void>;
}

/**
 * Connects to Redis by URL. Credentials in the URL are never logged.
 * @example
 * const conn = createRedisConnection("redis://127.0.0.1:6379", logger);
 * await conn.waitReady(2000);
 */
export const createRedisConnection = (url: string, log: Logger): RedisConnection => {
  // Required on use (ioredis is CommonJS, so synchronously): a gateway without Redis never loads it.
  const { Redis: RedisClient } = createRequire(import.meta.url)("ioredis") as typeof import("ioredis");
  const client = new RedisClient(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
    connectTimeout: 1000,
    // Keep trying in the background: the gateway serves on local state meanwhile.
    retryStrategy: (times) => Math.min(100 * times, 1000),
    lazyConnect: false,
  });
  const ready: Array<() => void> = [];
  const down: Array<() => void> = [];
  let wasReady = false;
  client.on("ready", () => {
    if (wasReady) log.info("redis reconnected");
    wasReady = true;
    for (const fn of ready) fn();
  });
  client.on("close", () => {
    if (!wasReady) return;
    wasReady = false;
    log.warn("redis connection lost: serving on local state (degraded)");
    for (const fn of down) fn();
  });
  // ioredis emits connection errors on every retry; one warning per outage is enough (above).
  client.on("error", () => {});
  return {
    client,
    connected: () => client.status === "ready",
    onReady: (fn) => void ready.push(fn),
    onDown: (fn) => void down.push(fn),
    waitReady: (timeoutMs) =>
      client.status === "ready"
        ? Promise.resolve(true)
        : new Promise((resolve) => {
            const t = setTimeout(() => resolve(false), timeoutMs);
            client.once("ready", () => {
              clearTimeout(t);
              resolve(true);
            });
          }),
    close: async () => {
      client.disconnect(false);
    },
  };
};
