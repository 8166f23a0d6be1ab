import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { nearestRank } from "./stats.js";

/** One load run: autocannon against `url`, closed-loop (`connections`) or at a fixed `rate`. */
export const LoadSpec = z.object({
  url: z.string().url(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  connections: z.number().int().positive(),
  /** Fixed total request rate (req/s); absent: as fast as the connections go. */
  rate: z.number().positive().optional(),
  durationSeconds: z.number().positive(),
  /**
   * Seconds of the same load sent first and left out of every figure. The load generator is a
   * fresh process: its first seconds are JIT and heap growth (scavenges of 10–15 ms), which
   * would otherwise be charged to whichever target it measures. Absent: no warm-up.
   */
  warmupSeconds: z.number().nonnegative().optional(),
});
export type LoadSpec = z.infer<typeof LoadSpec>;

/** What a load run measured; latencies in ms with sub-millisecond precision. */
export const LoadResult = z.object({
  requests: z.number(),
  requestsPerSecond: z.number(),
  errors: z.number(),
  non2xx: z.number(),
  p50Ms: z.number(),
  p90Ms: z.number(),
  p99Ms: z.number(),
  /** Requests answered during the warm-up: in no figure above, but they did cost the target CPU. */
  warmupRequests: z.number(),
});
export type LoadResult = z.infer<typeof LoadResult>;

/**
 * The p50, p90 and p99 of answered requests' latencies (nearest rank), as a load result
 * reports them; NaN when nothing was answered. Sorts `latencies` in place.
 * @example
 * latencyPercentiles([3, 1, 2]); // { p50Ms: 2, p90Ms: 3, p99Ms: 3 }
 */
export const latencyPercentiles = (latencies: number[]): Pick<LoadResult, "p50Ms" | "p90Ms" | "p99Ms"> => {
  latencies.sort((a, b) => a - b);
  return { p50Ms: nearestRank(latencies, 0.5), p90Ms: nearestRank(latencies, 0.9), p99Ms: nearestRank(latencies, 0.99) };
};

const tsxLoader = import.meta.resolve("tsx");
const worker = fileURLToPath(new URL("../services/load-worker.ts", import.meta.url));

/**
 * Runs autocannon in its own process (so it never shares an event loop with the system
 * under test) and returns its measurements.
 * @example
 * const r = await runLoad({ url: `${floor.url}/v1/chat/completions`, headers, body, connections: 10, durationSeconds: 10 });
 */
export const runLoad = (spec: LoadSpec): Promise<LoadResult> =>
  new Promise((resolve, reject) => {
    const child = fork(worker, [JSON.stringify(spec)], { execArgv: ["--import", tsxLoader], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let result: LoadResult | undefined;
    child.on("message", (m: unknown) => {
      const parsed = LoadResult.safeParse(m);
      if (parsed.success) result = parsed.data;
    });
    child.on("exit", (code) => (result === undefined ? reject(new Error(`load worker exited with ${code} and no result`)) : resolve(result)));
  });
