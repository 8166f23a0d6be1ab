/**
 * Library-path overhead (issue #7): microseconds a routed call (`createRouter` +
 * `router.chat`) adds over calling the model's `generate` directly, in-process.
 *
 *   npm run bench -- library-path            (≈1 minute, on the built packages)
 *   npm run bench -- library-path --quick    (smaller counts, for a smoke run)
 *   npm run bench -- library-path --pin      (this process on one core, the simulator on the other)
 *
 * Two upstreams: an in-process model that answers at once (so only routing is measured)
 * and the upstream SIMULATOR over loopback HTTP in its own process. Each with telemetry
 * off and on (real OpenTelemetry SDK, BatchSpanProcessor, an exporter that drops).
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { createRouter, type LanguageModel } from "@switchyard/core";
import { Effect } from "effect";
import { markdownTable } from "./routing/markdown-table.js";
import { benchModelPair } from "./lib/bench-model-pair.js";
import { benchModels, benchRequest, benchRoutes } from "./lib/bench-routes.js";
import { startChildService } from "./lib/child-service.js";
import { cpuPinning } from "./lib/cpu-pinning.js";
import { droppingTelemetry } from "./lib/dropping-telemetry.js";
import { addedPerCall, compareTimePerCall, type PerCall, type TimePerCallOptions } from "./lib/time-per-call.js";

const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, pin: { type: "boolean", default: false } } });
const quick = values.quick === true;
// With --pin, this process (the one measured) runs alone on the target core, the simulator on the other.
const pinning = cpuPinning(values.pin === true);
pinning.pinTarget(process.pid);

const TARGET_OFF_US = 30;
const TARGET_ON_US = 60;

interface Row {
  readonly upstream: string;
  readonly route: string;
  readonly telemetry: "off" | "on";
  readonly direct: PerCall;
  readonly routed: PerCall;
}

/** Measures one upstream: direct generate vs both routes, telemetry off and on, interleaved. */
const measure = async (upstream: string, [fast, strong]: readonly [LanguageModel, LanguageModel], options: TimePerCallOptions): Promise<Row[]> => {
  const telemetry = droppingTelemetry();
  const models = benchModels(fast, strong);
  const off = createRouter({ models, routes: benchRoutes });
  const on = createRouter({ models, routes: benchRoutes, observer: telemetry.observer });
  // Sanity: every routed call must really answer (and the full route must validate).
  const check = await on.chat("full", benchRequest);
  if (check.value === undefined || check.run.model !== "fast") throw new Error(`${upstream}: full route did not validate: ${JSON.stringify(check.run)}`);

  const us = await compareTimePerCall(
    {
      direct: () => Effect.runPromise(fast.generate(benchRequest)),
      oneOff: () => off.chat("one", benchRequest),
      oneOn: () => on.chat("one", benchRequest),
      fullOff: () => off.chat("full", benchRequest),
      fullOn: () => on.chat("full", benchRequest),
    },
    options,
    // The spans a block recorded are exported (and dropped) inside its own measured time.
    { oneOn: telemetry.flush, fullOn: telemetry.flush },
  );
  await telemetry.shutdown();
  if (telemetry.exported() === 0) throw new Error("telemetry on recorded no spans");
  return [
    { upstream, route: "one model", telemetry: "off", direct: us.direct, routed: us.oneOff },
    { upstream, route: "one model", telemetry: "on", direct: us.direct, routed: us.oneOn },
    { upstream, route: "classify+pick+call+validate", telemetry: "off", direct: us.direct, routed: us.fullOff },
    { upstream, route: "classify+pick+call+validate", telemetry: "on", direct: us.direct, routed: us.fullOn },
  ];
};

const rows: Row[] = [];
rows.push(
  ...(await measure("in-process instant model", benchModelPair(), {
    warmup: quick ? 5_000 : 20_000,
    iterations: quick ? 1_000 : 10_000,
    rounds: quick ? 3 : 7,
  })),
);

const sim = await startChildService("simulator", new URL("./services/simulator.ts", import.meta.url), []);
pinning.pinHarness(sim.pid);
try {
  rows.push(
    ...(await measure("upstream simulator (HTTP, own process)", benchModelPair(sim.url), {
      warmup: quick ? 200 : 1_000,
      // Short blocks, many rounds: more pairs for the per-round differences over loopback.
      iterations: quick ? 300 : 500,
      rounds: quick ? 3 : 21,
    })),
  );
} finally {
  await sim.close();
}

const fmt = (x: number) => x.toFixed(1);
console.log(
  `\nLibrary path: µs per call, sequential, median of rounds — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, load average ${loadavg()[0]?.toFixed(1)}, ${pinning.describe()}\n` +
    "(CPU µs: time this process spent on the call, all threads incl. GC; the targets are checked on it. Wall µs also counts waiting for a core.\n" +
    " Added: the median over rounds of router.chat's figure minus direct generate's in the same round.)\n",
);
console.log(
  markdownTable(
    ["upstream", "route", "telemetry", "direct generate CPU µs", "router.chat CPU µs", "added CPU µs", "added wall µs", "target", "met"],
    rows.map((r) => {
      const added = addedPerCall(r.routed, r.direct);
      const target = r.telemetry === "off" ? TARGET_OFF_US : TARGET_ON_US;
      return [r.upstream, r.route, r.telemetry, fmt(r.direct.cpuUs), fmt(r.routed.cpuUs), fmt(added.cpuUs), fmt(added.wallUs), `< ${target}`, added.cpuUs < target ? "yes" : "no"];
    }),
  ),
);
