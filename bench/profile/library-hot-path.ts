/**
 * CPU profile of the library hot path: `router.chat` in a loop against an in-process
 * instant model. Warms up first, then profiles only the steady state (no module loading,
 * no JIT warm-up in the profile) and prints the top self-time functions.
 *
 *   npx tsx bench/profile/library-hot-path.ts [--route one|full] [--telemetry] [--seconds 5] [--out /tmp/lib.cpuprofile]
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { parseArgs } from "node:util";
import { createRouter } from "@switchyard/core";
import { benchAnswer, benchModels, benchRequest, benchRoutes } from "../lib/bench-routes.js";
import { droppingTelemetry } from "../lib/dropping-telemetry.js";
import { instantModel } from "../lib/fake-model.js";
import { printTopSelfTime } from "./top-self-time.js";

const { values } = parseArgs({
  options: {
    route: { type: "string", default: "one" },
    telemetry: { type: "boolean", default: false },
    seconds: { type: "string", default: "5" },
    out: { type: "string", default: "/tmp/switchyard-library.cpuprofile" },
  },
});
const route = values.route === "full" ? "full" : "one";
const telemetry = values.telemetry === true ? droppingTelemetry() : undefined;
const router = createRouter({
  models: benchModels(instantModel("fast", benchAnswer), instantModel("strong", benchAnswer)),
  routes: benchRoutes,
  ...(telemetry === undefined ? {} : { observer: telemetry.observer }),
});
const loop = async (ms: number): Promise<number> => {
  const until = Date.now() + ms;
  let calls = 0;
  while (Date.now() < until) {
    for (let i = 0; i < 1_000; i++) await router.chat(route, benchRequest);
    calls += 1_000;
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
writeFileSync(values.out, JSON.stringify(profile));
console.log(`${calls} calls on route "${route}" (telemetry ${telemetry === undefined ? "off" : "on"}): ${((seconds * 1e6) / calls).toFixed(1)} µs/call; profile: ${values.out}`);
printTopSelfTime(profile, 35, true);
