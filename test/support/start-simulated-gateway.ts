import { silentLogger, startGateway, type RunningGateway, type StartGatewayOptions } from "@switchyard/gateway";
import type { Simulator, SimulatorOptions } from "@switchyard/providers/testing";
import { startTestSimulator } from "./start-test-simulator.js";

type Script = NonNullable<SimulatorOptions["scripts"]>[string];
type Limits = Extract<StartGatewayOptions["config"], { limits?: unknown }>["limits"];

/** A simulator and an in-process gateway whose route `main` calls its one scripted model. */
export interface SimulatedGateway {
  readonly sim: Simulator;
  readonly gw: RunningGateway;
  readonly close: () => Promise<void>;
}

/**
 * Starts the simulator with one script (model `model`) and a gateway in this process with
 * a route `main` on that model and no retries, for tests that drive the gateway over HTTP.
 * @example
 * const { sim, gw, close } = await startSimulatedGateway("slow", { latencyMs: 10_000 }, { requestTimeoutMs: 1_500 });
 */
export const startSimulatedGateway = async (model: string, script: Script, limits?: Limits): Promise<SimulatedGateway> => {
  const sim = await startTestSimulator({ scripts: { [model]: script } });
  const gw = await startGateway({
    config: {
      models: { [model]: { provider: "simulator", model, baseURL: `${sim.url}/v1` } },
      routes: { main: { models: [model], retry: false } },
      ...(limits === undefined ? {} : { limits }),
    },
    port: 0,
    logger: silentLogger,
  });
  return {
    sim,
    gw,
    close: async () => {
      await gw.close();
      await sim.close();
    },
  };
};
