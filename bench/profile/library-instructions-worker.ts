/**
 * The process `library-instructions` runs under callgrind: it makes one kind of call in a
 * loop until warm, switches callgrind's counting on for a fixed number of calls, then off.
 * Not meant to be run by hand.
 *
 *   valgrind --tool=callgrind --instr-atstart=no … node library-instructions-worker.ts --call one [--telemetry] [--upstream URL]
 */
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { createRouter } from "@switchyard/core";
import { Effect } from "effect";
import { benchModelPair } from "../lib/bench-model-pair.js";
import { benchModels, benchRequest, benchRoutes } from "../lib/bench-routes.js";
import { droppingTelemetry } from "../lib/dropping-telemetry.js";

const { values } = parseArgs({
  options: {
    call: { type: "string", default: "one" },
    telemetry: { type: "boolean", default: false },
    upstream: { type: "string", default: "instant" },
    warmup: { type: "string", default: "20000" },
    calls: { type: "string", default: "5000" },
  },
});

const [fast, strong] = benchModelPair(values.upstream === "instant" ? undefined : values.upstream);
const telemetry = values.telemetry === true ? droppingTelemetry() : undefined;
const router = createRouter({ models: benchModels(fast, strong), routes: benchRoutes, ...(telemetry ? { observer: telemetry.observer } : {}) });

const call: () => Promise<unknown> =
  values.call === "direct"
    ? () => Effect.runPromise(fast.generate(benchRequest))
    : values.call === "full"
      ? () => router.chat("full", benchRequest)
      : () => router.chat("one", benchRequest);

// Spans are exported (and dropped) every 500 calls, inside the counted window, as a batch processor would.
const run = async (n: number): Promise<void> => {
  for (let i = 1; i <= n; i++) {
    await call();
    if (telemetry !== undefined && i % 500 === 0) await telemetry.flush();
  }
};

/** Asks callgrind to count (or stop counting) this process; async, so the event loop keeps running meanwhile. */
const counting = (on: boolean): Promise<void> =>
  new Promise((resolve, reject) => {
    spawn("callgrind_control", ["-i", on ? "on" : "off", String(process.pid)], { stdio: "ignore" })
      .on("error", reject)
      .on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`callgrind_control exited with ${code}`))));
  });

const check = await router.chat("full", benchRequest);
if (check.value === undefined) throw new Error(`the full route did not validate: ${JSON.stringify(check.run)}`);
await run(Number(values.warmup));
await counting(true);
await run(Number(values.calls));
await counting(false);
if (telemetry !== undefined) await telemetry.shutdown();
