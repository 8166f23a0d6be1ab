import { fileURLToPath } from "node:url";
import { spawnProcess, type SpawnedProcess } from "./spawn-process.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = `${ROOT}node_modules/.bin/tsx`;
const MAIN = `${ROOT}packages/gateway/src/cli/main.ts`;

/** A gateway running as a real child process. */
export interface GatewayProcess {
  readonly url: string;
  readonly process: SpawnedProcess;
  /** SIGTERM (graceful drain), resolving with the exit code. */
  readonly stop: () => Promise<number | null>;
}

/**
 * Spawns `tsx packages/gateway/src/cli/main.ts serve --config <file> --port 0 [...args]` and
 * reads the listening URL (http or https) from its stdout.
 * @example
 * const gw = await startGatewayProcess("test/gateway/fixtures/basic.json", { SWITCHYARD_SIMULATOR_URL: sim.url });
 * await fetch(`${gw.url}/health`);
 * await gw.stop();
 */
export const startGatewayProcess = async (
  configFile: string,
  env: Readonly<Record<string, string>> = {},
  args: ReadonlyArray<string> = [],
): Promise<GatewayProcess> => {
  const proc = spawnProcess(TSX, [MAIN, "serve", "--config", configFile, "--port", "0", ...args], { ...process.env, ...env }, ROOT);
  try {
    const m = await proc.waitFor(/listening on (https?:\/\/\S+)/, 90_000);
    return { url: m[1]!, process: proc, stop: () => proc.stop("SIGTERM", 15_000) };
  } catch (e) {
    await proc.stop("SIGKILL");
    throw e;
  }
};
