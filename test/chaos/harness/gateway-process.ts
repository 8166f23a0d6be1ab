import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, from this file's place in `test/chaos/harness/`. */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** The gateway CLI users run: `switchyard serve --config <file>`. */
const CLI = join(repoRoot, "packages/gateway/bin/switchyard.mjs");

/** Options of {@link spawnGateway}. */
export interface SpawnGatewayOptions {
  /** A JSON-serialisable gateway config, written to a temp `.json` file. */
  readonly config: unknown;
  /** Extra environment for the child (secrets as `env:NAME` references resolve from here). */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * A script to run instead of the CLI (run with tsx). It gets the config path as its first
   * argument and must print `listening on <url>` on stdout once serving.
   */
  readonly entry?: string;
  /** Extra CLI arguments (after `serve --config <file> --port 0 --no-watch`). */
  readonly args?: ReadonlyArray<string>;
  /** How long to wait for the listening line. Default 45 s (tsx compiles the gateway on start). */
  readonly startTimeoutMs?: number;
}

/** A gateway running as a child process. */
export interface GatewayProcess {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Everything the process wrote so far. */
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<number | string>;
  /** True while the process has not exited. */
  readonly alive: () => boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. Safe to call twice. */
  readonly stop: (graceMs?: number) => Promise<number | string>;
}

/**
 * Starts the real gateway CLI (`switchyard serve`) on an ephemeral port with a JSON config,
 * waits for its "listening on" line and captures its output.
 * @example
 * const gw = await spawnGateway({ config: { models: { a: { provider: "simulator", model: "m", baseURL } } } });
 * await fetch(`${gw.url}/health`);
 * await gw.stop();
 */
export const spawnGateway = async (options: SpawnGatewayOptions): Promise<GatewayProcess> => {
  const dir = mkdtempSync(join(tmpdir(), "sy-gw-"));
  const configPath = join(dir, "switchyard.config.json");
  writeFileSync(configPath, JSON.stringify(options.config, null, 2));
  const argv =
    options.entry === undefined
      ? [CLI, "serve", "--config", configPath, "--port", "0", "--no-watch", ...(options.args ?? [])]
      : ["--import", "tsx", options.entry, configPath, ...(options.args ?? [])];
  const child = spawn(process.execPath, argv, {
    cwd: repoRoot,
    env: { ...process.env, ...options.env, NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.setEncoding("utf8").on("data", (s: string) => (out += s));
  child.stderr?.setEncoding("utf8").on("data", (s: string) => (err += s));
  let exitedFlag = false;
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => {
      exitedFlag = true;
      rmSync(dir, { recursive: true, force: true });
      resolve(code ?? signal ?? "unknown");
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start within ${options.startTimeoutMs ?? 45_000} ms\nstdout: ${out}\nstderr: ${err}`)), options.startTimeoutMs ?? 45_000);
    const check = (): void => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        child.stdout?.off("data", check);
        resolve(m[1]);
      }
    };
    child.stdout?.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited (${code}) before listening\nstdout: ${out}\nstderr: ${err}`));
    });
  });
  const stop = async (graceMs = 5_000): Promise<number | string> => {
    if (!exitedFlag) {
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(t);
    }
    return exited;
  };
  if (child.pid === undefined) throw new Error("gateway process has no pid");
  return { url, pid: child.pid, child, stdout: () => out, stderr: () => err, exited, alive: () => !exitedFlag, stop };
};
