/**
 * Instructions per call on the library path, counted by valgrind (callgrind): direct
 * `generate` against `router.chat` on the one-model and the full route, telemetry off and
 * on. Time per call on this VM drifts by 2× within minutes; the instruction count of a build
 * barely moves (±5–10 % from run to run: where the heap lands changes which inline caches
 * collide), so it is the way to tell whether a change to the router made it cheaper.
 * Each case runs in its own process, warmed up first; JIT compiler threads are counted
 * separately, since how much the compiler still works after the warm-up is not the router's
 * cost per call.
 *
 *   npm run bench -- profile/library-instructions [--upstream instant|simulator|both] [--calls 5000] [--warmup 20000] [--jobs 2]
 *
 * Needs valgrind (`apt-get install valgrind`). In-process (`instant`, the default) takes
 * ≈6 min with 2 jobs. Over HTTP to the simulator (`--upstream simulator`, ≈15 min with one
 * job) the count also holds the event loop's, the sockets' and the timers' work, which
 * grows with wall time: under valgrind a call takes over 1 ms, so the router's background
 * spend write (batched per 1 ms) runs once per call, as it does with real providers. There,
 * compare only runs made the same way on an otherwise idle machine: a direct call counted
 * ≈200k instructions with two callgrind processes on the two cores, ≈300k with four.
 * Instructions are not time: cache misses are not in them.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DIST_CONDITION, usesBuiltPackages } from "../lib/built-packages.js";
import { startChildService } from "../lib/child-service.js";
import { markdownTable } from "../routing/markdown-table.js";
import { readCallgrind } from "./callgrind-profile.js";

const { values } = parseArgs({
  options: {
    upstream: { type: "string", default: "instant" },
    calls: { type: "string", default: "5000" },
    warmup: { type: "string", default: "20000" },
    jobs: { type: "string", default: "2" },
  },
});

interface Case {
  readonly upstream: "instant" | "simulator";
  readonly call: "direct" | "one" | "full";
  readonly telemetry: boolean;
}

interface Counted extends Case {
  readonly perCall: number;
  readonly compilerPerCall: number;
}

const upstreams: ReadonlyArray<Case["upstream"]> = values.upstream === "both" ? ["instant", "simulator"] : values.upstream === "simulator" ? ["simulator"] : ["instant"];
const cases: Case[] = upstreams.flatMap((upstream) => [
  { upstream, call: "direct" as const, telemetry: false },
  ...(["one", "full"] as const).flatMap((call) => [false, true].map((telemetry) => ({ upstream, call, telemetry }))),
]);
const calls = Number(values.calls);
const worker = fileURLToPath(new URL("./library-instructions-worker.ts", import.meta.url));
const tsx = import.meta.resolve("tsx");
const dir = mkdtempSync(join(tmpdir(), "switchyard-library-callgrind-"));
// V8's optimising compilers (TurboFan, Maglev) run on threads of their own.
const JIT_COMPILER = /v8::internal::compiler::|turboshaft|maglev/i;

/** Runs one case under callgrind and reads back its instructions per counted call. */
const count = (c: Case, simulatorUrl: string | undefined): Promise<Counted> =>
  new Promise((resolve, reject) => {
    const args = [
      "--tool=callgrind",
      "--instr-atstart=no",
      "--smc-check=all-non-file",
      `--callgrind-out-file=${join(dir, "cg.%p.out")}`,
      process.execPath,
      // --perf-basic-prof also turns V8's log on: keep it out of the working directory.
      "--perf-basic-prof",
      "--no-logfile-per-isolate",
      `--logfile=${join(dir, "v8.log")}`,
      ...(usesBuiltPackages() ? [DIST_CONDITION] : []),
      "--import",
      tsx,
      worker,
      ...["--call", c.call, "--upstream", c.upstream === "instant" ? "instant" : (simulatorUrl ?? ""), "--warmup", values.warmup, "--calls", values.calls],
      ...(c.telemetry ? ["--telemetry"] : []),
    ];
    const child = spawn("valgrind", args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4_000)));
    child.on("error", reject);
    child.on("exit", (code) => {
      const pid = child.pid;
      const dump = readdirSync(dir).find((f) => f === `cg.${pid}.out`);
      const map = `/tmp/perf-${pid}.map`;
      try {
        if (code !== 0 || dump === undefined || !existsSync(map)) throw new Error(`${JSON.stringify(c)}: exit ${code}\n${stderr}`);
        const profile = readCallgrind(join(dir, dump), map);
        let compiler = 0;
        for (const [fn, ir] of profile.self) if (JIT_COMPILER.test(fn)) compiler += ir;
        resolve({ ...c, perCall: profile.total / calls, compilerPerCall: compiler / calls });
      } catch (e) {
        reject(e);
      } finally {
        rmSync(map, { force: true });
      }
    });
  });

const sim = upstreams.includes("simulator") ? await startChildService("simulator", new URL("../services/simulator.ts", import.meta.url), []) : undefined;
const results: Counted[] = [];
try {
  const queue = [...cases];
  const jobs = Array.from({ length: Math.max(1, Number(values.jobs)) }, async () => {
    for (let c = queue.shift(); c !== undefined; c = queue.shift()) {
      results.push(await count(c, sim?.url));
      console.error(`counted ${c.upstream} ${c.call}${c.telemetry ? " +telemetry" : ""}`);
    }
  });
  await Promise.all(jobs);
} finally {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
}

const k = (ir: number): string => `${(ir / 1_000).toFixed(1)}k`;
const label = { direct: "direct generate", one: "router.chat, one model", full: "router.chat, classify+pick+call+validate" } as const;
console.log(`\nLibrary path: instructions per call (${calls} calls counted after ${values.warmup} to warm up; ${new Date().toISOString().slice(0, 10)}, Node ${process.version})\n`);
console.log(
  markdownTable(
    ["upstream", "call", "telemetry", "Ir per call", "of it JIT compiler", "Ir per call without it", "added over direct"],
    cases.map((c) => {
      const r = results.find((x) => x.upstream === c.upstream && x.call === c.call && x.telemetry === c.telemetry) as Counted;
      const direct = results.find((x) => x.upstream === c.upstream && x.call === "direct") as Counted;
      const own = r.perCall - r.compilerPerCall;
      return [
        c.upstream === "instant" ? "in-process instant model" : "simulator over HTTP",
        label[c.call],
        c.call === "direct" ? "–" : c.telemetry ? "on" : "off",
        k(r.perCall),
        k(r.compilerPerCall),
        k(own),
        c.call === "direct" ? "–" : k(own - (direct.perCall - direct.compilerPerCall)),
      ];
    }),
  ),
);
