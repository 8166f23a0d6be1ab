import { defineConfig, silentLogger, startGateway } from "@switchyard/gateway";
import type { RunObserver } from "@switchyard/core";
import { benchRoutes, benchSpec } from "../lib/bench-routes.js";
import { startChildService } from "../lib/child-service.js";
import { chatBody } from "../lib/http-targets.js";
import { runLoad, type LoadResult } from "../lib/load.js";

/** What each profiling run sends: route, JSON or SSE, closed loop or a fixed rate. */
export interface ProfileLoad {
  readonly route: "one" | "full";
  readonly stream?: boolean;
  readonly rate?: number;
}

/** A gateway in this process (the one profiled) over the simulator in its own. */
export interface ProfiledGateway {
  /** Loads the gateway for `seconds` from a separate load-generator process (20 connections). */
  readonly load: (seconds: number) => Promise<LoadResult>;
  readonly close: () => Promise<void>;
}

/**
 * Starts the benchmark gateway (models `fast` and `strong`, routes `one` and `full`) in this
 * process, so an inspector session here profiles it, over the upstream simulator in a child.
 * @example
 * const gw = await startProfiledGateway({ route: "one" });
 * await gw.load(3); // warm up
 */
export const startProfiledGateway = async (what: ProfileLoad, observer?: RunObserver): Promise<ProfiledGateway> => {
  const sim = await startChildService("simulator", new URL("../services/simulator.ts", import.meta.url), []);
  const baseURL = `${sim.url}/v1`;
  const gateway = await startGateway({
    config: defineConfig({
      models: {
        fast: { provider: "simulator", model: "fast", baseURL, spec: benchSpec("fast", 0.15, 0.6) },
        strong: { provider: "simulator", model: "strong", baseURL, spec: benchSpec("strong", 2.5, 10) },
      },
      routes: benchRoutes,
    }),
    port: 0,
    logger: silentLogger,
    ...(observer === undefined ? {} : { observer }),
  });
  return {
    load: (seconds) =>
      runLoad({
        url: `${gateway.url}/v1/chat/completions`,
        headers: { "content-type": "application/json" },
        body: chatBody(what.route, what.stream === true),
        connections: 20,
        durationSeconds: seconds,
        ...(what.rate === undefined ? {} : { rate: what.rate }),
      }),
    close: async () => {
      await gateway.close();
      await sim.close();
    },
  };
};

