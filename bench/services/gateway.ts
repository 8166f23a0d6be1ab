/**
 * Benchmark child: Switchyard's gateway over the upstream simulator, in its own process.
 *
 *   npx tsx bench/services/gateway.ts --upstream http://127.0.0.1:PORT [--telemetry] [--max-streams 2000]
 *
 * Routes: `one` (one model) and `full` (classify → pick → call → validate), as in
 * `lib/bench-routes.ts`, over simulator models `fast` and `strong`; `stream-burst` and
 * `stream-hold` are the streaming benchmark's models. With `--telemetry` every
 * run is recorded as OpenTelemetry spans (BatchSpanProcessor, exporter that drops).
 */
import { parseArgs } from "node:util";
import { defineConfig, silentLogger, startGateway } from "@switchyard/gateway";
import { benchRoutes, benchSpec } from "../lib/bench-routes.js";
import { serveChildProtocol } from "../lib/child-service.js";
import { droppingTelemetry } from "../lib/dropping-telemetry.js";

const { values } = parseArgs({
  options: { upstream: { type: "string" }, telemetry: { type: "boolean", default: false }, "max-streams": { type: "string", default: "1000" } },
});
if (values.upstream === undefined) throw new Error("--upstream is required");
const baseURL = `${values.upstream}/v1`;
const telemetry = values.telemetry === true ? droppingTelemetry() : undefined;
const config = defineConfig({
  models: {
    fast: { provider: "simulator", model: "fast", baseURL, spec: benchSpec("fast", 0.15, 0.6) },
    strong: { provider: "simulator", model: "strong", baseURL, spec: benchSpec("strong", 2.5, 10) },
    // Streaming benchmarks address these by model name (each model is also a one-model route).
    "stream-burst": { provider: "simulator", model: "stream-burst", baseURL },
    "stream-hold": { provider: "simulator", model: "stream-hold", baseURL },
  },
  routes: benchRoutes,
  limits: { maxConcurrentStreams: Number(values["max-streams"]) },
});
const gateway = await startGateway({ config, port: 0, host: "127.0.0.1", logger: silentLogger, ...(telemetry === undefined ? {} : { observer: telemetry.observer }) });
serveChildProtocol(gateway.url, async () => {
  await gateway.close();
  await telemetry?.shutdown();
});
