/**
 * Where the p99 at a fixed 1,000 req/s comes from (issue #7's p99 target): the simulator
 * direct, the floor proxy and Switchyard's gateway (one-model route; full route with
 * OpenTelemetry), each at the fixed rate, first at normal priority, then with every service
 * process on the real-time scheduler (`chrt -f`, needs root), so that no other process can
 * delay a service that is ready to run. Beside every run a thread that only sleeps 0.5 ms at
 * a time measures how late the machine wakes a process that does nothing.
 *
 *   npm run bench -- profile/fixed-rate-tail [--rounds 5] [--seconds 5] [--warmup 2] [--quick]
 *
 * If the tail falls when the services cannot be preempted, the tail is scheduling, not the
 * services' own work; what remains at real-time priority is theirs (and the load
 * generator's, which stays at normal priority like the sleeping thread).
 */
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import { chatBody } from "../lib/http-targets.js";
import { runLoad, type LoadResult } from "../lib/load.js";
import { restoreNormalPriority, setRealTimePriority } from "../lib/real-time-priority.js";
import { createServiceGroup } from "../lib/service-group.js";
import { median } from "../lib/stats.js";
import { measureWakeupLateness, type WakeupLateness } from "../lib/wakeup-lateness.js";
import { markdownTable } from "../routing/markdown-table.js";

const { values } = parseArgs({
  options: { quick: { type: "boolean", default: false }, rounds: { type: "string" }, seconds: { type: "string" }, warmup: { type: "string" } },
});
const rounds = Number(values.rounds ?? (values.quick === true ? 1 : 5));
const seconds = Number(values.seconds ?? (values.quick === true ? 2 : 5));
const warmupSeconds = Number(values.warmup ?? (values.quick === true ? 1 : 2));

/** One fixed-rate run of one target, with the machine's wake-up lateness over its measured window. */
type Run = LoadResult & { readonly lateness: WakeupLateness };

const services = createServiceGroup();
try {
  const sim = await services.start("simulator", "services/simulator.ts", []);
  const floor = await services.start("floor proxy", "floor-proxy.ts", ["--upstream", sim.url]);
  const gateway = await services.start("switchyard gateway", "services/gateway.ts", ["--upstream", sim.url]);
  const gatewayOtel = await services.start("switchyard gateway + otel", "services/gateway.ts", ["--upstream", sim.url, "--telemetry"]);
  const targets = [
    { name: "(a) simulator direct", url: sim.url, model: "fast" },
    { name: "(b) floor: node:http pass-through", url: floor.url, model: "fast" },
    { name: "(c) Switchyard, one-model route", url: gateway.url, model: "one" },
    { name: "(d) Switchyard, classify+pick+call+validate, OTel on", url: gatewayOtel.url, model: "full" },
  ] as const;
  const pids = [sim.pid, floor.pid, gateway.pid, gatewayOtel.pid];

  const run = async (t: (typeof targets)[number], durationSeconds: number): Promise<Run> => {
    const spec = { url: `${t.url}/v1/chat/completions`, headers: { "content-type": "application/json" }, body: chatBody(t.model, false), connections: 20, rate: 1_000, durationSeconds, warmupSeconds };
    // The sleeping thread measures the same window as the load: after the load's warm-up.
    const [load, lateness] = await Promise.all([runLoad(spec), sleep(warmupSeconds * 1000).then(() => measureWakeupLateness(durationSeconds))]);
    if (load.errors + load.non2xx > 0) throw new Error(`${t.name}: ${load.errors + load.non2xx} failed requests`);
    return { ...load, lateness };
  };
  for (const t of targets) await run(t, Math.min(3, seconds));

  const modes = [
    { name: "normal priority", enter: () => undefined, leave: () => undefined },
    { name: "services at real-time priority", enter: () => pids.forEach((p) => setRealTimePriority(p)), leave: () => pids.forEach(restoreNormalPriority) },
  ];
  const us = (ms: number) => (ms * 1000).toFixed(0);
  for (const mode of modes) {
    mode.enter();
    const runs = new Map<string, Run[]>(targets.map((t) => [t.name, []]));
    try {
      for (let round = 0; round < rounds; round++) {
        for (const t of targets) {
          const r = await run(t, seconds);
          runs.get(t.name)?.push(r);
          console.error(`${mode.name.padEnd(31)} ${t.name.padEnd(55)} p50 ${r.p50Ms.toFixed(2)} ms  p99 ${r.p99Ms.toFixed(2)} ms  sleeper late p99.9 ${r.lateness.p999Micros.toFixed(0)} µs`);
        }
      }
    } finally {
      mode.leave();
    }
    const direct = runs.get(targets[0].name) ?? [];
    console.log(`\n### Fixed 1,000 req/s, ${mode.name} (${rounds} rounds of ${seconds} s after ${warmupSeconds} s left out)\n`);
    console.log(
      markdownTable(
        ["target", "p50 ms", "p99 ms", "added p99 µs (median, rounds)", "sleeper woken late µs: p99", "p99.9", "max"],
        targets.map((t) => {
          const rs = runs.get(t.name) ?? [];
          const added = rs.map((r, i) => r.p99Ms - (direct[i] as Run).p99Ms);
          return [
            t.name,
            median(rs.map((r) => r.p50Ms)).toFixed(2),
            median(rs.map((r) => r.p99Ms)).toFixed(2),
            t === targets[0] ? "–" : `${us(median(added))} (${us(Math.min(...added))} to ${us(Math.max(...added))})`,
            median(rs.map((r) => r.lateness.p99Micros)).toFixed(0),
            median(rs.map((r) => r.lateness.p999Micros)).toFixed(0),
            median(rs.map((r) => r.lateness.maxMicros)).toFixed(0),
          ];
        }),
      ),
    );
  }
} finally {
  await services.closeAll();
}
