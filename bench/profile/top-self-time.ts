/**
 * Summarises a V8 CPU profile: the functions with the most self time, and (with
 * `--inclusive`) the most time including callees, grouped by function + file:line.
 *
 *   npx tsx bench/profile/top-self-time.ts <file.cpuprofile> [--top 30] [--inclusive]
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";

const CpuProfile = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
      children: z.array(z.number()).optional(),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});
type CpuProfile = z.infer<typeof CpuProfile>;
type CallFrame = CpuProfile["nodes"][number]["callFrame"];

const shortUrl = (url: string): string =>
  url.replace(/^.*\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "").replace(/^file:\/\/.*?\/(packages|bench)\//, "$1/");

/**
 * A profile frame as `function file:line`, without the machine's paths (CPU and heap profiles alike).
 * @example
 * frameKey({ functionName: "run", url: "file:///work/main/packages/core/dist/x.js", lineNumber: 9 }); // "run packages/core/dist/x.js:10"
 */
export const frameKey = (f: Pick<CallFrame, "functionName" | "url" | "lineNumber">): string =>
  `${f.functionName || "(anonymous)"}${f.url === "" ? "" : ` ${shortUrl(f.url)}:${f.lineNumber + 1}`}`;

/**
 * Prints the `top` functions by self time (and by inclusive time when asked) of a CPU
 * profile as `Profiler.stop` or `node --cpu-prof` give it, with their share of the samples.
 * @example
 * printTopSelfTime(JSON.parse(readFileSync("x.cpuprofile", "utf8")), 30, false);
 */
export const printTopSelfTime = (raw: unknown, top: number, inclusive: boolean): void => {
  const profile = CpuProfile.parse(raw);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const selfUs = new Map<string, number>();
  const totalOf = new Map<string, number>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    totalUs += dt;
    const node = byId.get(id);
    if (node === undefined) return;
    const self = frameKey(node.callFrame);
    selfUs.set(self, (selfUs.get(self) ?? 0) + dt);
    if (!inclusive) return;
    // Each function counts once per sample, however deep it recurses.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
      const frame = byId.get(cur)?.callFrame;
      if (frame === undefined) break;
      const key = frameKey(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      totalOf.set(key, (totalOf.get(key) ?? 0) + dt);
    }
  });
  const print = (title: string, m: Map<string, number>) => {
    console.log(`\n${title} (of ${(totalUs / 1000).toFixed(0)} ms sampled)`);
    for (const [key, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${((us / totalUs) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
    }
  };
  print("self time", selfUs);
  if (inclusive) print("inclusive time", totalOf);
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: "string", default: "30" }, inclusive: { type: "boolean", default: false } },
  });
  const file = positionals[0];
  if (file === undefined) {
    console.error("usage: top-self-time.ts <file.cpuprofile> [--top N] [--inclusive]");
    process.exit(2);
  }
  printTopSelfTime(JSON.parse(readFileSync(file, "utf8")), Number(values.top), values.inclusive === true);
}
