import { startSimulator, type Simulator } from "@switchyard/providers/testing";
import { spawnGateway, type GatewayProcess } from "../../chaos/harness/gateway-process.js";

/** The client key and admin key the fuzzed gateway accepts (test-only values). */
export const FUZZ_KEY = "sk-sy-fuzz-client-key-0123456789";
export const FUZZ_ADMIN_KEY = "sk-sy-fuzz-admin-key-0123456789";

/** A gateway process with auth, admin API, cache, embeddings and a simulated upstream. */
export interface FuzzTarget {
  readonly sim: Simulator;
  readonly gw: GatewayProcess;
  readonly port: number;
  readonly close: () => Promise<void>;
}

/**
 * Starts the upstream simulator and a gateway process configured with every endpoint the
 * bad-input suites hit: a cached route (`main`), an uncached one (`plain`), embeddings
 * (`small`), a virtual key and the admin API.
 * @example
 * const t = await startFuzzTarget();
 * await rawRequest(t.port, { method: "GET", path: "/health" });
 * await t.close();
 */
export const startFuzzTarget = async (): Promise<FuzzTarget> => {
  const sim = await startSimulator({ logLimit: 200 });
  const baseURL = `${sim.url}/v1`;
  const gw = await spawnGateway({
    env: { SY_FUZZ_KEY: FUZZ_KEY, SY_FUZZ_ADMIN: FUZZ_ADMIN_KEY },
    config: {
      models: { m: { provider: "simulator", model: "fuzz-upstream", baseURL } },
      routes: { main: { models: ["m"] }, plain: { models: ["m"] } },
      embeddings: { small: { provider: "simulator", model: "fuzz-embed", baseURL } },
      cache: { ttlSeconds: 60, routes: { plain: false } },
      keys: [{ name: "fuzz", key: "env:SY_FUZZ_KEY" }],
      admin: { key: "env:SY_FUZZ_ADMIN" },
      limits: { requestTimeoutMs: 60_000 },
    },
  });
  return {
    sim,
    gw,
    port: Number(new URL(gw.url).port),
    close: async () => {
      await gw.stop();
      await sim.close();
    },
  };
};
