/**
 * Benchmark child: the load generator. Runs one load (spec as JSON in argv[2]) and sends
 * the result to the parent: closed-loop loads with autocannon, fixed-rate loads with the
 * evenly paced open-loop generator of `lib/paced-load.ts`. autocannon's own histogram has
 * 1 ms resolution, too coarse for sub-millisecond overheads, so latencies are collected
 * from its `response` events (float ms from `process.hrtime`) and ranked here.
 */
import autocannon from "autocannon";
import { latencyPercentiles, LoadSpec, type LoadResult } from "../lib/load.js";
import { pacedLoad } from "../lib/paced-load.js";

const spec = LoadSpec.parse(JSON.parse(process.argv[2] ?? "{}"));

/** One autocannon run of `durationSeconds`, reporting each 2xx answer's latency (float ms, from `process.hrtime`). */
const cannon = (durationSeconds: number, onLatency: (ms: number) => void): Promise<autocannon.Result> =>
  new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: spec.url, method: "POST", headers: spec.headers, body: spec.body, connections: spec.connections, duration: durationSeconds },
      (error, r) => (error === null || error === undefined ? resolve(r) : reject(error)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTimeMs) => {
      if (statusCode >= 200 && statusCode < 300) onLatency(responseTimeMs);
    });
  });

/** A closed-loop load: `connections` connections, each sending its next request when the last one answered. */
const closedLoop = async (): Promise<LoadResult> => {
  const warmup = spec.warmupSeconds === undefined || spec.warmupSeconds === 0 ? undefined : await cannon(spec.warmupSeconds, () => undefined);
  const latencies: number[] = [];
  const result = await cannon(spec.durationSeconds, (ms) => latencies.push(ms));
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / spec.durationSeconds,
    // Failures in the warm-up count too: a benchmark must not hide one.
    errors: result.errors + result.timeouts + (warmup === undefined ? 0 : warmup.errors + warmup.timeouts),
    non2xx: result.non2xx + (warmup?.non2xx ?? 0),
    ...latencyPercentiles(latencies),
    warmupRequests: warmup?.requests.total ?? 0,
  };
};

process.send?.(spec.rate === undefined ? await closedLoop() : await pacedLoad({ ...spec, rate: spec.rate }));
