import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer, connect } from "node:net";
import { dirname, join } from "node:path";
import { readFile } from "node:fs/promises";
import { stopChild, type ChildService } from "./child-service.js";

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      s.close(() => resolve(port));
    });
  });

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

/** Resident set size of a process, from /proc (Linux). */
const rssOf = async (pid: number): Promise<number> => {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  return kb === undefined ? Number.NaN : Number(kb) * 1024;
};

/**
 * Starts Portkey's open-source gateway (`@portkey-ai/gateway`, its published Node build,
 * headless) on a free port in its own process. Requests reach an OpenAI-compatible upstream
 * with `x-portkey-provider: openai` and `x-portkey-custom-host: <upstream>/v1`
 * (see {@link portkeyHeaders}).
 * @example
 * const portkey = await startPortkeyGateway();
 * await portkey.close();
 */
export const startPortkeyGateway = async (): Promise<ChildService> => {
  const require = createRequire(import.meta.url);
  const bin = join(dirname(require.resolve("@portkey-ai/gateway/package.json")), "build", "start-server.js");
  const port = await freePort();
  // Output ignored: a spinner and a banner, and a stack trace each time a client drops a stream.
  const child = spawn(process.execPath, [bin, `--port=${port}`, "--headless"], { stdio: "ignore" });
  const deadline = Date.now() + 30_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null) throw new Error(`portkey gateway exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("portkey gateway: not listening within 30 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid ?? -1;
  return {
    name: "portkey",
    url: `http://127.0.0.1:${port}`,
    pid,
    memory: async () => ({ rss: await rssOf(pid), heapUsed: Number.NaN }),
    close: () => stopChild(child),
  };
};

/**
 * The headers that route a Portkey request to an OpenAI-compatible upstream.
 * @example
 * fetch(`${portkey.url}/v1/chat/completions`, { headers: portkeyHeaders(sim.url), ... });
 */
export const portkeyHeaders = (upstream: string): Record<string, string> => ({
  authorization: "Bearer sk-bench-not-a-key",
  "x-portkey-provider": "openai",
  "x-portkey-custom-host": `${upstream}/v1`,
});
