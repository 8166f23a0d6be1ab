/**
 * CPU profile of the gateway hot path: the gateway runs in this process (profiled), the
 * simulator and autocannon in their own. Warms up, profiles the steady state, prints the
 * top self-time and inclusive functions.
 *
 *   npm run bench -- profile/gateway-hot-path [--route one|full] [--telemetry] [--seconds 8] [--out /tmp/gw.cpuprofile]
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { parseArgs } from "node:util";
import { droppingTelemetry } from "../lib/dropping-telemetry.js";
import { startProfiledGateway } from "./profiled-gateway.js";
import { printTopSelfTime } from "./top-self-time.js";

const { values } = parseArgs({
  options: {
    route: { type: "string", default: "one" },
    telemetry: { type: "boolean", default: false },
    seconds: { type: "string", default: "8" },
    out: { type: "string", default: "/tmp/switchyard-gateway.cpuprofile" },
  },
});
const telemetry = values.telemetry === true ? droppingTelemetry() : undefined;
const gateway = await startProfiledGateway({ route: values.route === "full" ? "full" : "one" }, telemetry?.observer);
const load = gateway.load;
try {
  await load(3);
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  const result = await load(Number(values.seconds));
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  writeFileSync(values.out, JSON.stringify(profile));
  console.log(`${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms; profile: ${values.out}`);
  printTopSelfTime(profile, 40, true);
} finally {
  await gateway.close();
  await telemetry?.shutdown();
}
