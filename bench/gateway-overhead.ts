/**
 * Gateway overhead (issue #7): the same load against the upstream directly, the floor
 * (a minimal Node pass-through proxy), Switchyard's gateway (one-model route; and a
 * classify + pick + call + validate route with OpenTelemetry on) and Portkey's gateway.
 *
 *   npm run bench -- gateway-overhead            (≈12 minutes, on the built packages)
 *   npm run bench -- gateway-overhead --quick    (one 3 s round, for a smoke run)
 *   npm run bench -- gateway-overhead --rounds 5 --seconds 10 --warmup 2
 *   npm run bench -- gateway-overhead --pin      (each target on its own core: to compare two builds)
 *
 * Every service runs in its own process; the load generator runs in another (autocannon
 * for the closed-loop runs, an evenly paced open-loop generator for the fixed rate). The
 * upstream is the Switchyard SIMULATOR (answers at once), so what is measured is each
 * hop's own cost. Besides throughput and latency, each target's CPU per request is read
 * from /proc: the figure a machine shared with other jobs distorts least. `--pin` runs each
 * target alone on one core, the simulator and load generator on the other (`lib/cpu-pinning.ts`).
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { markdownTable } from "./routing/markdown-table.js";
import { chatBody, checkTarget, type HttpTarget } from "./lib/http-targets.js";
import { runLoad, type LoadResult } from "./lib/load.js";
import { portkeyHeaders, startPortkeyGateway } from "./lib/portkey-gateway.js";
import { cpuPinning } from "./lib/cpu-pinning.js";
import { processCpuMicros } from "./lib/process-cpu.js";
import { median } from "./lib/stats.js";
import { createServiceGroup } from "./lib/service-group.js";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    seconds: { type: "string" },
    rounds: { type: "string" },
    warmup: { type: "string" },
    pin: { type: "boolean", default: false },
  },
});
const seconds = Number(values.seconds ?? (values.quick === true ? 3 : 5));
const rounds = Number(values.rounds ?? (values.quick === true ? 1 : 5));
/** Seconds each load generator runs before it measures (see `LoadSpec.warmupSeconds`). */
const warmupSeconds = Number(values.warmup ?? (values.quick === true ? 1 : 2));
const loads = [
  { name: "10 connections", connections: 10 },
  { name: "50 connections", connections: 50 },
  { name: "fixed 1,000 req/s", connections: 20, rate: 1_000 },
] as const;

/** One load run of one target, with the target's CPU per request. */
type Measured = LoadResult & { readonly cpuMicrosPerRequest: number };


/**
 * The run with the median req/s (the lower middle one for an even count); at a fixed rate,
 * where every run makes the same req/s, the run with the median p99.
 */
const medianRun = (runs: ReadonlyArray<Measured>, fixedRate: boolean): Measured => {
  const sorted = [...runs].sort((a, b) => (fixedRate ? a.p99Ms - b.p99Ms : a.requestsPerSecond - b.requestsPerSecond));
  return sorted[Math.floor((sorted.length - 1) / 2)] as Measured;
};

const services = createServiceGroup();
const pinning = cpuPinning(values.pin === true);
// With --pin, the simulator and the load generators inherit the harness core; each target gets the other.
pinning.pinHarness();

try {
  const sim = await services.start("simulator", "services/simulator.ts", []);
  const floor = await services.start("floor proxy", "floor-proxy.ts", ["--upstream", sim.url]);
  const jsonProxy = await services.start("json proxy", "json-proxy.ts", ["--upstream", sim.url, "--model", "fast"]);
  const gateway = await services.start("switchyard gateway", "services/gateway.ts", ["--upstream", sim.url]);
  const gatewayOtel = await services.start("switchyard gateway + otel", "services/gateway.ts", ["--upstream", sim.url, "--telemetry"]);
  const portkey = await services.adopt(startPortkeyGateway());
  for (const target of [floor, jsonProxy, gateway, gatewayOtel, portkey]) pinning.pinTarget(target.pid);

  const path = "/v1/chat/completions";
  const targets: ReadonlyArray<HttpTarget> = [
    { name: "(a) simulator direct", url: `${sim.url}${path}`, headers: {}, model: "fast", pid: sim.pid },
    { name: "(b) floor: node:http pass-through", url: `${floor.url}${path}`, headers: {}, model: "fast", pid: floor.pid },
    { name: "(b2) floor + JSON parse/serialise both ways", url: `${jsonProxy.url}${path}`, headers: {}, model: "one", pid: jsonProxy.pid },
    { name: "(c) Switchyard, one-model route", url: `${gateway.url}${path}`, headers: {}, model: "one", pid: gateway.pid },
    { name: "(d) Switchyard, classify+pick+call+validate, OTel on", url: `${gatewayOtel.url}${path}`, headers: {}, model: "full", pid: gatewayOtel.pid },
    { name: "(e) Portkey gateway 1.15.2", url: `${portkey.url}${path}`, headers: portkeyHeaders(sim.url), model: "fast", pid: portkey.pid },
  ];
  for (const t of targets) await checkTarget(t, "answer");

  const run = async (t: HttpTarget, connections: number, durationSeconds: number, rate?: number): Promise<Measured> => {
    const before = t.pid === undefined ? undefined : processCpuMicros(t.pid);
    const r = await runLoad({
      url: t.url,
      headers: { "content-type": "application/json", ...t.headers },
      body: chatBody(t.model, false),
      connections,
      durationSeconds,
      warmupSeconds,
      ...(rate === undefined ? {} : { rate }),
    });
    const after = t.pid === undefined ? undefined : processCpuMicros(t.pid);
    // The target's CPU was read around the whole load, warm-up included.
    return { ...r, cpuMicrosPerRequest: before === undefined || after === undefined ? Number.NaN : (after - before) / (r.requests + r.warmupRequests) };
  };

  // Warm every target (JIT, keep-alive pools) before measuring anything.
  for (const t of targets) await run(t, 10, Math.min(3, seconds));

  // Every load runs `rounds` times over all targets in turn, and each target's round with the
  // median req/s is reported: on a shared 2-core VM one run of a target can land in a slow
  // moment the others missed, and interleaving spreads those moments over all of them.
  const results = new Map<string, Measured>();
  const allRuns = new Map<string, Measured[]>();
  for (const load of loads) {
    const byTarget = new Map<string, Measured[]>();
    for (let round = 0; round < rounds; round++) {
      for (const t of targets) {
        const r = await run(t, load.connections, seconds, "rate" in load ? load.rate : undefined);
        byTarget.set(t.name, [...(byTarget.get(t.name) ?? []), r]);
        console.error(`${load.name.padEnd(18)} ${t.name.padEnd(55)} ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${r.p50Ms.toFixed(2)} ms  p99 ${r.p99Ms.toFixed(2)} ms  CPU ${r.cpuMicrosPerRequest.toFixed(0)} µs/req  errors ${r.errors + r.non2xx}`);
      }
    }
    for (const [name, runs] of byTarget) {
      results.set(`${load.name}|${name}`, medianRun(runs, "rate" in load));
      allRuns.set(`${load.name}|${name}`, runs);
    }
  }

  const us = (ms: number) => (ms * 1000).toFixed(0);
  const ratio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : "–");
  console.log(`\nGateway overhead — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, loopback, median of ${rounds} interleaved ${seconds} s runs per target and load (each after ${warmupSeconds} s of the same load left out), load average ${loadavg()[0]?.toFixed(1)}, ${pinning.describe()}\n`);
  for (const load of loads) {
    const get = (t: HttpTarget) => results.get(`${load.name}|${t.name}`) as Measured;
    const direct = get(targets[0] as HttpTarget);
    const fl = get(targets[1] as HttpTarget);
    const floorAdded99 = fl.p99Ms - direct.p99Ms;
    console.log(`### ${load.name}\n`);
    console.log(
      markdownTable(
        ["target", "req/s", "req/s ÷ floor", "p50 ms", "p99 ms", "added p50 µs", "added p99 µs", "added p99 ÷ floor's", "target CPU µs/req", "÷ floor's", "errors"],
        targets.map((t) => {
          const r = get(t);
          const isDirect = t === targets[0];
          return [
            t.name,
            r.requestsPerSecond.toFixed(0),
            ratio(r.requestsPerSecond / fl.requestsPerSecond),
            r.p50Ms.toFixed(2),
            r.p99Ms.toFixed(2),
            isDirect ? "–" : us(r.p50Ms - direct.p50Ms),
            isDirect ? "–" : us(r.p99Ms - direct.p99Ms),
            isDirect ? "–" : ratio((r.p99Ms - direct.p99Ms) / floorAdded99),
            Number.isFinite(r.cpuMicrosPerRequest) ? r.cpuMicrosPerRequest.toFixed(0) : "–",
            ratio(r.cpuMicrosPerRequest / fl.cpuMicrosPerRequest),
            String(r.errors + r.non2xx),
          ];
        }),
      ),
    );
    console.log("");
  }
  const [direct, fl, , sy, syFull, pk] = targets as [HttpTarget, HttpTarget, HttpTarget, HttpTarget, HttpTarget, HttpTarget];
  // Ratios for the targets are taken round by round (the two targets measured minutes apart
  // at most, in the same phase of a VM whose speed drifts) and their median is checked; the
  // range shows how far single rounds strayed.
  const perRound = (load: string, of: (x: Measured, y: Measured) => number, x: HttpTarget, y: HttpTarget): { readonly median: number; readonly text: string } => {
    const xs = allRuns.get(`${load}|${x.name}`) ?? [];
    const ys = allRuns.get(`${load}|${y.name}`) ?? [];
    const rs = xs.map((r, i) => of(r, ys[i] as Measured));
    const m = median(rs);
    return { median: m, text: rs.length > 1 ? `${ratio(m)} (rounds ${ratio(Math.min(...rs))}–${ratio(Math.max(...rs))})` : ratio(m) };
  };
  const rps = (x: Measured, y: Measured) => x.requestsPerSecond / y.requestsPerSecond;
  // What one core serves when CPU-bound: the floor's CPU per request over the target's. On
  // 2 cores shared with the simulator and the load generator, req/s also depends on them.
  const capacity = (x: Measured, y: Measured) => y.cpuMicrosPerRequest / x.cpuMicrosPerRequest;
  const checks: Array<[string, string, boolean]> = [];
  const vsPortkey = perRound("50 connections", rps, sy, pk);
  checks.push(["throughput ≥ 3× Portkey (50 conn., one-model route)", vsPortkey.text, vsPortkey.median >= 3]);
  for (const load of ["10 connections", "50 connections"]) {
    const through = perRound(load, rps, sy, fl);
    const cap = perRound(load, capacity, sy, fl);
    checks.push([`throughput ≥ 0.7× floor (${load.replace("connections", "conn.")}, one-model route)`, through.text, through.median >= 0.7]);
    checks.push([`capacity ≥ 0.7× floor (CPU per request, ${load.replace("connections", "conn.")}, one-model route)`, cap.text, cap.median >= 0.7]);
  }
  // p99 added over the simulator direct, round by round like the ratios (median, range).
  const addedP99 = (t: HttpTarget): { readonly median: number; readonly text: string } => {
    const ts = allRuns.get(`fixed 1,000 req/s|${t.name}`) ?? [];
    const ds = allRuns.get(`fixed 1,000 req/s|${direct.name}`) ?? [];
    const added = ts.map((r, i) => r.p99Ms - (ds[i] as Measured).p99Ms);
    const m = median(added);
    return { median: m, text: `${us(m)} µs (rounds ${us(Math.min(...added))}–${us(Math.max(...added))})` };
  };
  const [p99One, p99Full, p99Floor] = [addedP99(sy), addedP99(syFull), addedP99(fl)];
  checks.push(
    ["p99 added < 1 ms at 1,000 req/s (one-model route)", `${p99One.text}; floor: ${p99Floor.text}`, p99One.median < 1],
    ["p99 added < 1 ms at 1,000 req/s (full route + OTel)", p99Full.text, p99Full.median < 1],
  );
  console.log("### Targets\n");
  console.log(markdownTable(["target", "measured", "met"], checks.map(([n, m, ok]) => [n, m, ok ? "yes" : "no"])));
} finally {
  await services.closeAll();
}
