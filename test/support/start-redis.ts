import { freePort } from "./free-port.js";
import { spawnProcess, type SpawnedProcess } from "./spawn-process.js";

/** A real `redis-server` for a test, without persistence. */
export interface TestRedis {
  readonly url: string;
  readonly port: number;
  readonly process: SpawnedProcess;
  /** Kills the server (SIGKILL: an outage, not a shutdown). */
  readonly kill: () => Promise<void>;
  /** Starts a fresh server on the same port (empty, like a restarted Redis without persistence). */
  readonly restart: () => Promise<TestRedis>;
  readonly stop: () => Promise<void>;
}

/**
 * Starts `/usr/bin/redis-server` on a free port and waits until it accepts connections.
 * @example
 * const redis = await startRedis();
 * // ... config state: { redis: redis.url }
 * await redis.stop();
 */
export const startRedis = async (port?: number): Promise<TestRedis> => {
  const p = port ?? (await freePort());
  const proc = spawnProcess("/usr/bin/redis-server", ["--port", String(p), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
  await proc.waitFor(/Ready to accept connections/, 10_000);
  return {
    url: `redis://127.0.0.1:${p}`,
    port: p,
    process: proc,
    kill: async () => void (await proc.stop("SIGKILL")),
    restart: () => startRedis(p),
    stop: async () => void (await proc.stop("SIGTERM", 5_000)),
  };
};
