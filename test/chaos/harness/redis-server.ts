import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A real `redis-server` child process on a free loopback port, without persistence. */
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Runs `redis-cli` against it and returns stdout (for inspection and CLIENT PAUSE). */
  readonly cli: (...args: string[]) => string;
  /** Runs `redis-cli` without blocking the caller (for `DEBUG SLEEP`, which blocks until Redis wakes). */
  readonly cliAsync: (...args: string[]) => Promise<string>;
  /** Kills the server (SIGKILL: an abrupt outage). */
  readonly kill: () => Promise<void>;
  /** Starts it again on the same port (empty: no persistence). */
  readonly restart: () => Promise<void>;
  readonly stop: () => Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      s.close(() => (typeof addr === "object" && addr !== null ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });

/**
 * Starts `redis-server` (Debian's package) on 127.0.0.1 and waits until it answers PING.
 * @example
 * const redis = await startRedisServer();
 * redis.cli("DBSIZE"); // "0"
 * await redis.stop();
 */
export const startRedisServer = async (): Promise<RedisServer> => {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "sy-redis-"));
  let child: ChildProcess | undefined;
  const cli = (...args: string[]): string => {
    const r = spawnSync("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args], { encoding: "utf8", timeout: 10_000 });
    return (r.stdout ?? "").trim();
  };
  const cliAsync = (...args: string[]): Promise<string> =>
    new Promise((resolve) => {
      const c = spawn("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args], { stdio: ["ignore", "pipe", "ignore"] });
      let out = "";
      c.stdout.setEncoding("utf8").on("data", (s: string) => (out += s));
      c.once("exit", () => resolve(out.trim()));
    });
  const start = async (): Promise<void> => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--enable-debug-command", "local"], { stdio: "ignore" });
    const deadline = Date.now() + 10_000;
    while (cli("PING") !== "PONG") {
      if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const kill = async (): Promise<void> => {
    const c = child;
    if (c === undefined || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise((r) => c.once("exit", r));
    c.kill("SIGKILL");
    await gone;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    cli,
    cliAsync,
    kill,
    restart: start,
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
