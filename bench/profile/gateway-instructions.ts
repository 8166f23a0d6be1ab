/**
 * Instructions per request, counted by valgrind (callgrind): the same count for the same
 * build, whatever else the machine is doing — the way to compare two builds on a VM whose
 * speed drifts 2× within minutes. The target (gateway or floor) runs under callgrind with
 * instrumentation off until it is warm; then a fixed number of requests is counted, and
 * JIT code is named from node's `--perf-basic-prof` map.
 *
 *   npm run bench -- profile/gateway-instructions [--target gateway|floor] [--route one|full] [--requests 2000] [--warmup 20000] [--top 30]
 *
 * Needs valgrind (`apt-get install valgrind`). Instructions are not time: cache misses and
 * kernel work are not in them (the floor executes about as many instructions per request as
 * the gateway, ≈308k against ≈321k, yet needs ≈30 % less CPU time), so use it to compare
 * builds, not targets.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startChildService } from "../lib/child-service.js";
import { chatBody } from "../lib/http-targets.js";
import { markdownTable } from "../routing/markdown-table.js";
import { attributeToJs, ownerOf, readCallgrind, shortName } from "./callgrind-profile.js";

const { values } = parseArgs({
  options: {
    target: { type: "string", default: "gateway" },
    route: { type: "string", default: "one" },
    requests: { type: "string", default: "2000" },
    warmup: { type: "string", default: "20000" },
    concurrency: { type: "string", default: "10" },
    top: { type: "string", default: "30" },
  },
});

/** Sends `count` requests, `concurrency` at a time, and fails on any answer that is not a 200 with an answer in it. */
const send = async (url: string, count: number, concurrency: number): Promise<void> => {
  const body = chatBody(values.route === "full" ? "full" : "one", false);
  let left = count;
  const worker = async (): Promise<void> => {
    while (left-- > 0) {
      const res = await fetch(`${url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body });
      const text = await res.text();
      if (res.status !== 200 || !text.includes("answer")) throw new Error(`unexpected answer ${res.status}: ${text.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
};

const control = (pid: number, ...args: string[]): void => {
  execFileSync("callgrind_control", [...args, String(pid)], { stdio: "ignore" });
};

const dir = mkdtempSync(join(tmpdir(), "switchyard-callgrind-"));
const sim = await startChildService("simulator", new URL("../services/simulator.ts", import.meta.url), []);
const floor = values.target === "floor";
const target = await startChildService(floor ? "floor" : "gateway", new URL(floor ? "../floor-proxy.ts" : "../services/gateway.ts", import.meta.url), ["--upstream", sim.url], {
  wrapper: ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--smc-check=all-non-file", `--callgrind-out-file=${join(dir, "cg.%p.out")}`],
  // --perf-basic-prof also turns V8's log on: keep it out of the working directory.
  nodeArgs: ["--perf-basic-prof", "--no-logfile-per-isolate", `--logfile=${join(dir, "v8.log")}`],
  readyTimeoutMs: 300_000,
});
try {
  const concurrency = Number(values.concurrency);
  const requests = Number(values.requests);
  await send(target.url, Number(values.warmup), concurrency);
  control(target.pid, "-i", "on");
  await send(target.url, requests, concurrency);
  control(target.pid, "-d");
  control(target.pid, "-i", "off");
  const dump = readdirSync(dir).find((f) => f.endsWith(".out.1"));
  const map = `/tmp/perf-${target.pid}.map`;
  if (dump === undefined || !existsSync(map)) throw new Error(`no callgrind dump or perf map for pid ${target.pid}`);
  const profile = readCallgrind(join(dir, dump), map);
  const perJs = attributeToJs(profile);
  const byOwner = new Map<string, number>();
  for (const [fn, ir] of perJs) byOwner.set(ownerOf(fn), (byOwner.get(ownerOf(fn)) ?? 0) + ir);
  const perRequest = (ir: number): string => Math.round(ir / requests).toLocaleString("en-US");
  const share = (ir: number): string => `${((ir / profile.total) * 100).toFixed(1)} %`;
  console.log(`\n${values.target}, route ${values.route}: ${perRequest(profile.total)} instructions per request (${requests} requests after ${values.warmup} to warm up, ${concurrency} at a time)\n`);
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(markdownTable(["owner", "Ir per request", "share"], top(byOwner, 20).map(([k, ir]) => [k, perRequest(ir), share(ir)])));
  console.log(`\n(JS functions with the native code they call directly; the rest is GC, the event loop and code reached from it)\n`);
  console.log(markdownTable(["JS function", "Ir per request", "share"], top(perJs, Number(values.top)).map(([k, ir]) => [shortName(k), perRequest(ir), share(ir)])));
} finally {
  await target.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(`/tmp/perf-${target.pid}.map`, { force: true });
}
