/**
 * Soak benchmark: runs the gateway at a steady request rate for a long time (JSON, SSE,
 * upstream failures, abandoned streams) against the bundled upstream SIMULATOR and prints
 * how memory, open descriptors and (in-process) active timers/sockets evolve. Flat lines
 * mean no leak. Not run in CI; the CI version is `test/soak/gateway-soak.test.ts`.
 *
 *   npx tsx bench/soak.ts --duration 600 --rps 50            # gateway as a process (RSS + fds)
 *   npx tsx bench/soak.ts --duration 120 --in-process        # plus process.getActiveResourcesInfo()
 */
import { parseArgs } from "node:util";
import { defineConfig, silentLogger, startGateway } from "@switchyard/gateway";
import { startSimulator } from "@switchyard/providers/testing";
import { spawnGateway } from "../test/chaos/harness/gateway-process.js";
import { openFds, rssKiB } from "../test/chaos/harness/process-stats.js";
import { growth, runSoak, type SoakSample } from "../test/soak/harness/soak-run.js";

const { values } = parseArgs({
  options: { duration: { type: "string", default: "60" }, rps: { type: "string", default: "50" }, "in-process": { type: "boolean", default: false } },
});
const durationMs = Number(values.duration) * 1000;
const rps = Number(values.rps);
if (!(durationMs > 0) || !(rps > 0)) {
  console.error("usage: tsx bench/soak.ts [--duration SECONDS] [--rps N] [--in-process]");
  process.exit(2);
}

const sim = await startSimulator({ logLimit: 1_000 });
const config = defineConfig({
  models: { up: { provider: "simulator", model: "soak", baseURL: `${sim.url}/v1` }, broken: { provider: "simulator", model: "sim-fail-500", baseURL: `${sim.url}/v1` } },
  routes: { main: { models: ["up"] }, failing: { models: ["broken"], retry: false } },
});
const activeResources = () => process.getActiveResourcesInfo().filter((k) => k === "Timeout" || k === "TCPSocketWrap" || k === "TCPWRAP").length;

console.log(`soak: ${durationMs / 1000}s at ${rps} req/s against the Switchyard upstream SIMULATOR (not a real model), gateway ${values["in-process"] ? "in-process" : "as a process"}`);
let result;
if (values["in-process"]) {
  const gw = await startGateway({ config, port: 0, logger: silentLogger });
  result = await runSoak({ url: gw.url, durationMs, rps, route: "main", failingRoute: "failing", settle: () => sim.close(), gauges: { rssKiB: () => Math.round(process.memoryUsage.rss() / 1024), fds: () => openFds(process.pid), activeTimersAndSockets: activeResources } });
  await gw.close();
} else {
  const gw = await spawnGateway({ config });
  result = await runSoak({ url: gw.url, durationMs, rps, route: "main", failingRoute: "failing", settle: () => sim.close(), gauges: { rssKiB: () => rssKiB(gw.pid), fds: () => openFds(gw.pid) } });
  await gw.stop();
}
const every = (xs: ReadonlyArray<SoakSample>): ReadonlyArray<SoakSample> => xs.filter((_, i) => i % 10 === 0 || i === xs.length - 1);
for (const [name, samples] of Object.entries(result.samples)) {
  console.log(`\n${name}:`);
  for (const s of every(samples)) console.log(`  t=${String(Math.round(s.atMs / 1000)).padStart(5)}s  ${s.value}`);
  console.log(`  trend (median last quarter − median first quarter): ${growth(samples)}`);
}
console.log(
  `\nrequests=${result.requests} failures=${result.failures} ${JSON.stringify(result.failureKinds)} expectedUpstreamErrors=${result.expectedErrors}`,
);
process.exit(result.failures === 0 ? 0 : 1);
