import { spawn, type ChildProcess } from "node:child_process";

/** A child process with its captured output and a bounded way to stop it. */
export interface SpawnedProcess {
  readonly child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  readonly output: () => string;
  /** Resolves with the first stdout/stderr match of `pattern`, or rejects after `timeoutMs` (or on exit). */
  readonly waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpExecArray>;
  /** Sends `signal` and waits for exit (SIGKILL after `timeoutMs`); resolves with the exit code. */
  readonly stop: (signal?: NodeJS.Signals, timeoutMs?: number) => Promise<number | null>;
  readonly exited: Promise<number | null>;
}

/**
 * Spawns a real process and captures its output, for tests.
 * @example
 * const p = spawnProcess("/usr/bin/redis-server", ["--port", "6390"]);
 * await p.waitFor(/Ready to accept connections/);
 * await p.stop();
 */
export const spawnProcess = (command: string, args: ReadonlyArray<string>, env: NodeJS.ProcessEnv = process.env, cwd?: string): SpawnedProcess => {
  const child = spawn(command, [...args], { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const listeners = new Set<() => void>();
  const onData = (b: Buffer): void => {
    out += b.toString("utf8");
    for (const l of listeners) l();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let done = false;
  void exited.then(() => {
    done = true;
    for (const l of listeners) l();
  });
  return {
    child,
    output: () => out,
    exited,
    waitFor: (pattern, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const m = pattern.exec(out);
          if (m !== null) {
            cleanup();
            resolve(m);
          } else if (done) {
            cleanup();
            reject(new Error(`process exited before printing ${pattern}:\n${out}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${pattern}:\n${out}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      }),
    stop: async (signal = "SIGTERM", timeoutMs = 10_000) => {
      if (done) return exited;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
};
