import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { DIST_CONDITION, usesBuiltPackages } from "./built-packages.js";

/** What a service child reports on IPC when it is listening. */
interface ReadyMessage {
  readonly type: "ready";
  readonly url: string;
}

/** A memory reading of a service child, after a forced GC when the child allows it. */
export interface ChildMemory {
  readonly rss: number;
  readonly heapUsed: number;
}

/** A benchmark service (simulator, proxy, gateway...) running in its own process. */
export interface ChildService {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** Reads the child's memory over IPC (services started by {@link startChildService} only). */
  readonly memory: () => Promise<ChildMemory>;
  readonly close: () => Promise<void>;
}

const tsxLoader = import.meta.resolve("tsx");

/** Kills a child and waits for it to exit (SIGKILL after 3 s). */
export const stopChild = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
  await exited;
  clearTimeout(timer);
};

/**
 * Runs a TypeScript entry under tsx in its own process, so the load generator, the upstream
 * and the system under test never share an event loop, and waits for its `ready` message.
 * It loads the same build of the packages as this process (see `built-packages.ts`).
 * The entry answers `{ type: "memory" }` requests (see `serveChildProtocol`).
 * @example
 * const sim = await startChildService("simulator", new URL("../services/simulator.ts", import.meta.url), []);
 * await sim.close();
 */
export const startChildService = async (
  name: string,
  entry: URL,
  args: ReadonlyArray<string>,
  options: {
    readonly nodeArgs?: ReadonlyArray<string>;
    readonly env?: Readonly<Record<string, string>>;
    /** A command that runs node (e.g. `["valgrind", "--tool=callgrind"]`); it must keep the IPC channel. */
    readonly wrapper?: ReadonlyArray<string>;
    readonly readyTimeoutMs?: number;
  } = {},
): Promise<ChildService> => {
  // A child measures the same build of the packages as its parent (sources or dist/).
  const condition = usesBuiltPackages() ? [DIST_CONDITION] : [];
  const nodeCommand = [process.execPath, ...condition, "--import", tsxLoader, ...(options.nodeArgs ?? []), fileURLToPath(entry), ...args];
  const command = [...(options.wrapper ?? []), ...nodeCommand];
  const child = spawn(command[0] as string, command.slice(1), {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, ...options.env },
  });
  const readyMs = options.readyTimeoutMs ?? 30_000;
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: not ready within ${readyMs / 1000} s`)), readyMs);
    child.once("exit", (code) => reject(new Error(`${name}: exited with ${code} before it was ready`)));
    child.on("message", (m: unknown) => {
      const msg = m as Partial<ReadyMessage>;
      if (msg.type === "ready" && typeof msg.url === "string") {
        clearTimeout(timer);
        resolve({ type: "ready", url: msg.url });
      }
    });
  });
  return {
    name,
    url: ready.url,
    pid: child.pid ?? -1,
    memory: () =>
      new Promise<ChildMemory>((resolve) => {
        const onMessage = (m: unknown) => {
          const msg = m as { type?: string; rss?: number; heapUsed?: number };
          if (msg.type !== "memory") return;
          child.off("message", onMessage);
          resolve({ rss: msg.rss ?? 0, heapUsed: msg.heapUsed ?? 0 });
        };
        child.on("message", onMessage);
        child.send({ type: "memory" });
      }),
    close: () => stopChild(child),
  };
};

/**
 * The child side: announces `url` to the parent and answers memory requests; closes
 * `stop` on SIGTERM or when the parent goes away.
 * @example
 * serveChildProtocol(server.url, () => server.close());
 */
export const serveChildProtocol = (url: string, stop: () => Promise<void>): void => {
  const send = process.send?.bind(process);
  if (send === undefined) {
    console.log(`listening on ${url}`);
  } else {
    process.on("message", (m: unknown) => {
      if ((m as { type?: string }).type !== "memory") return;
      globalThis.gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      send({ type: "memory", rss, heapUsed });
    });
    process.on("disconnect", () => void stop().finally(() => process.exit(0)));
    send({ type: "ready", url });
  }
  process.on("SIGTERM", () => void stop().finally(() => process.exit(0)));
  process.on("SIGINT", () => void stop().finally(() => process.exit(0)));
};
