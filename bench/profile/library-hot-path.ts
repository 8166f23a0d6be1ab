/**
 * CPU profile of the library hot path: `router.chat` in a loop against an in-process
 * instant model (or, with `--upstream simulator`, an OpenAI-compatible model over HTTP to
 * the simulator in its own process). Warms up first, then profiles only the steady state
 * (no module loading, no JIT warm-up in the profile) and prints the top self-time functions.
 *
 *   npm run bench -- profile/library-hot-path [--route one|full] [--upstream instant|simulator] [--telemetry] [--seconds 5] [--out /tmp/lib.cpuprofile]
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { parseArgs } from "node:util";
import { createRouter } from "@switchyard/core";
import { benchModelPair } from "../lib/bench-model-pair.js";
import { benchModels, benchRequest, benchRoutes } from "../lib/bench-routes.js";
import { startChildService } from "../lib/child-service.js";
import { droppingTelemetry } from "../lib/dropping-telemetry.js";
import { printTopSelfTime } from "./top-self-time.js";

const { values } = parseArgs({
  options: {
    route: { type: "string", default: "one" },
    telemetry: { type: "boolean", default: false },
    upstream: { type: "string", default: "instant" },
    seconds: { type: "string", default: "5" },
    out: { type: "string", default: "/tmp/switchyard-library.cpuprofile" },
  },
});
const route = values.route === "full" ? "full" : "one";
const telemetry = values.telemetry === true ? droppingTelemetry() : undefined;
const sim = values.upstream === "simulator" ? await startChildService("simulator", new URL("../services/simulator.ts", import.meta.url), []) : undefined;
const [fast, strong] = benchModelPair(sim?.url);
const router = createRouter({
  models: benchModels(fast, strong),
  routes: benchRoutes,
  ...(telemetry === undefined ? {} : { observer: telemetry.observer }),
});
const loop = async (ms: number): Promise<number> => {
  const until = Date.now() + ms;
  let calls = 0;
  while (Date.now() < until) {
    for (let i = 0; i < 100; i++) await router.chat(route, benchRequest);
    calls += 100;
  }
  return calls;
};

await loop(3_000);
const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 100 });
await session.post("Profiler.start");
const seconds = Number(values.seconds);
const calls = await loop(seconds * 1_000);
const { profile } = await session.post("Profiler.stop");
session.disconnect();
await telemetry?.shutdown();
await sim?.close();
writeFileSync(values.out, JSON.stringify(profile));
console.log(`${calls} calls on route "${route}" (telemetry ${telemetry === undefined ? "off" : "on"}): ${((seconds * 1e6) / calls).toFixed(1)} µs/call; profile: ${values.out}`);
printTopSelfTime(profile, 35, true);
