/**
 * Streaming overhead (issue #7): time to first token added and chunk throughput through
 * the gateway vs the upstream directly (and the floor proxy, and Portkey), and memory per
 * concurrent stream with 1,000 streams held open by a slow upstream script.
 *
 *   npm run bench -- streaming            (≈1.5 minutes, on the built packages)
 *   npm run bench -- streaming --quick
 *   npm run bench -- streaming --pin      (each target on its own core, see lib/cpu-pinning.ts)
 */
import { loadavg } from "node:os";
import { Agent } from "node:http";
import { parseArgs } from "node:util";
import { markdownTable } from "./routing/markdown-table.js";
import type { ChildService } from "./lib/child-service.js";
import { cpuPinning } from "./lib/cpu-pinning.js";
import { checkTarget, type HttpTarget } from "./lib/http-targets.js";
import { portkeyHeaders, startPortkeyGateway } from "./lib/portkey-gateway.js";
import { createServiceGroup } from "./lib/service-group.js";
import { openStream, type StreamTiming } from "./lib/sse-client.js";

const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, streams: { type: "string", default: "1000" }, pin: { type: "boolean", default: false } } });
const quick = values.quick === true;
const sequential = quick ? 50 : 300;
const concurrentStreams = Number(values.streams);
const TARGET_BYTES_PER_STREAM = 64 * 1024;

const services = createServiceGroup();
const pinning = cpuPinning(values.pin === true);
// With --pin, the simulator and the client (this script) share the harness core; each target gets the other.
pinning.pinHarness();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? Number.NaN;

/** TTFT and chunk rate of `sequential` one-at-a-time streams of 200 chunks sent back to back. */
const measureTiming = async (target: HttpTarget, agent: Agent) => {
  const timings: StreamTiming[] = [];
  for (let i = 0; i < sequential + 20; i++) {
    const t = await openStream(target, agent).done;
    if (t.contentChunks < 200) throw new Error(`${target.name}: stream carried ${t.contentChunks} content chunks, expected 200`);
    if (i >= 20) timings.push(t);
  }
  return {
    ttftP50: median(timings.map((t) => t.ttftMs)),
    ttftP99: p99(timings.map((t) => t.ttftMs)),
    chunksPerSecond: median(timings.map((t) => t.contentChunks / (t.totalMs / 1000))),
  };
};

/** Holds `n` streams open at once (first token received) and reads the server process's memory. */
const memoryPerStream = async (target: HttpTarget, service: ChildService) => {
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const before = await service.memory();
  const streams = Array.from({ length: concurrentStreams }, () => openStream(target, agent));
  await Promise.all(streams.map((s) => s.firstToken));
  await new Promise((r) => setTimeout(r, 2_000));
  const during = await service.memory();
  for (const s of streams) s.abort();
  agent.destroy();
  await new Promise((r) => setTimeout(r, 1_000));
  return { rssPerStream: (during.rss - before.rss) / concurrentStreams, heapPerStream: (during.heapUsed - before.heapUsed) / concurrentStreams };
};

try {
  const sim = await services.start("simulator", "services/simulator.ts", []);
  const floor = await services.start("floor proxy", "floor-proxy.ts", ["--upstream", sim.url], { nodeArgs: ["--expose-gc"] });
  const gateway = await services.start("switchyard gateway", "services/gateway.ts", ["--upstream", sim.url, "--max-streams", String(concurrentStreams + 100)], { nodeArgs: ["--expose-gc"] });
  const portkey = await services.adopt(startPortkeyGateway());
  for (const target of [floor, gateway, portkey]) pinning.pinTarget(target.pid);
  const path = "/v1/chat/completions";
  const targetsFor = (model: string): HttpTarget[] => [
    { name: "simulator direct", url: `${sim.url}${path}`, headers: {}, model },
    { name: "floor: node:http pass-through", url: `${floor.url}${path}`, headers: {}, model },
    { name: "Switchyard gateway", url: `${gateway.url}${path}`, headers: {}, model },
    { name: "Portkey gateway 1.15.2", url: `${portkey.url}${path}`, headers: portkeyHeaders(sim.url), model },
  ];
  const burst = targetsFor("stream-burst");
  for (const t of burst) await checkTarget(t, "word199", true);

  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const timing = [];
  for (const t of burst) timing.push({ t, ...(await measureTiming(t, agent)) });
  agent.destroy();
  const direct = timing[0] as (typeof timing)[number];

  const held = targetsFor("stream-hold");
  const serviceOf = new Map<string, ChildService>([
    [held[1]?.name ?? "", floor],
    [held[2]?.name ?? "", gateway],
    [held[3]?.name ?? "", portkey],
  ]);
  const memory = [];
  for (const t of held.slice(1)) {
    const service = serviceOf.get(t.name);
    if (service !== undefined) memory.push({ t, ...(await memoryPerStream(t, service)) });
  }

  const kb = (b: number) => (Number.isFinite(b) ? `${(b / 1024).toFixed(1)}` : "–");
  console.log(`\nStreaming — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, loopback, load average ${loadavg()[0]?.toFixed(1)}, ${pinning.describe()}\n`);
  console.log(`### Time to first token and chunk throughput (${sequential} sequential streams of 200 chunks, one connection)\n`);
  console.log(
    markdownTable(
      ["target", "TTFT p50 ms", "TTFT p99 ms", "added TTFT p50 µs", "added TTFT p99 µs", "chunks/s, request to end (median stream)", "÷ direct"],
      timing.map((r) => [
        r.t.name,
        r.ttftP50.toFixed(2),
        r.ttftP99.toFixed(2),
        r === direct ? "–" : ((r.ttftP50 - direct.ttftP50) * 1000).toFixed(0),
        r === direct ? "–" : ((r.ttftP99 - direct.ttftP99) * 1000).toFixed(0),
        r.chunksPerSecond.toFixed(0),
        `${(r.chunksPerSecond / direct.chunksPerSecond).toFixed(2)}×`,
      ]),
    ),
  );
  console.log(`\n### Memory per concurrent stream (${concurrentStreams} streams held open, after a forced GC where the process allows it)\n`);
  console.log(
    markdownTable(
      ["server process", "RSS KB / stream", "JS heap KB / stream", `target < ${TARGET_BYTES_PER_STREAM / 1024} KB`],
      memory.map((m) => [m.t.name, kb(m.rssPerStream), kb(m.heapPerStream), m.rssPerStream < TARGET_BYTES_PER_STREAM ? "yes" : "no"]),
    ),
  );
} finally {
  await services.closeAll();
}
