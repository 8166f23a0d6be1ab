/**
 * Benchmark child: the upstream SIMULATOR (a stand-in, not a model) in its own process,
 * with the benchmark scripts (`benchSimScripts`).
 *
 *   npx tsx bench/services/simulator.ts
 */
import { startSimulator } from "@switchyard/providers/testing";
import { benchSimScripts } from "../lib/bench-routes.js";
import { serveChildProtocol } from "../lib/child-service.js";

const sim = await startSimulator({ scripts: benchSimScripts, logLimit: 100 });
serveChildProtocol(sim.url, () => sim.close());
