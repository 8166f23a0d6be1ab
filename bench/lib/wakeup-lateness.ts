import { Worker } from "node:worker_threads";
import { nearestRank } from "./stats.js";

/** How late a thread that does nothing but sleep woke up, in µs over its sleep. */
export interface WakeupLateness {
  readonly p50Micros: number;
  readonly p99Micros: number;
  readonly p999Micros: number;
  readonly maxMicros: number;
}

// Runs in a worker thread: sleeps `sleepMs` at a time (Atomics.wait, a timed futex wait like
// nanosleep) and records how much longer than that each sleep took.
const meterSource = `
const { parentPort, workerData } = require("node:worker_threads");
const { sleepMs, durationMs } = workerData;
const cell = new Int32Array(new SharedArrayBuffer(4));
const late = [];
const end = performance.now() + durationMs;
while (performance.now() < end) {
  const before = performance.now();
  Atomics.wait(cell, 0, 0, sleepMs);
  late.push((performance.now() - before - sleepMs) * 1000);
}
parentPort.postMessage(late);
`;

/**
 * Measures the machine's own scheduling delay for `seconds`: a thread that sleeps 0.5 ms at a
 * time and does nothing else is woken late only when the kernel (or, on a VM, the host) did
 * not run it on time. Run beside a load, it shows how much of a latency tail no server code
 * can remove: a request through a proxy waits on several such wake-ups.
 * @example
 * const [load, lateness] = await Promise.all([runLoad(spec), measureWakeupLateness(5)]);
 * console.log(lateness.p999Micros);
 */
export const measureWakeupLateness = (seconds: number, sleepMs = 0.5): Promise<WakeupLateness> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(meterSource, { eval: true, workerData: { sleepMs, durationMs: seconds * 1000 } });
    worker.once("error", reject);
    worker.once("message", (late: number[]) => {
      const sorted = late.sort((a, b) => a - b);
      resolve({ p50Micros: nearestRank(sorted, 0.5), p99Micros: nearestRank(sorted, 0.99), p999Micros: nearestRank(sorted, 0.999), maxMicros: nearestRank(sorted, 1) });
      void worker.terminate();
    });
  });
