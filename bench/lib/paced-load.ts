import { Agent, request } from "node:http";
import { latencyPercentiles, type LoadResult, type LoadSpec } from "./load.js";

/**
 * An open-loop load at a fixed rate: one request every `1000 / rate` ms, evenly spaced,
 * over up to `connections` keep-alive sockets (a request that finds them all busy waits
 * for one, and that wait counts). Open loop: a slow target never delays the next sends, so
 * it cannot hide its queue. Latency is counted from the send: the sends follow the
 * schedule only to within the timer resolution (≈1 ms), and counting from the due time
 * would charge that lateness to every target. With `warmupSeconds`, the schedule starts that
 * much earlier and what is sent before the measured window is left out of the figures
 * (errors excepted). autocannon's rate option is not this: it lets every connection send
 * back to back until it has made its share for the second, then pause until the next one,
 * so a "fixed" rate is a burst at full speed at the start of each second.
 * @example
 * const r = await pacedLoad({ url, headers, body, connections: 20, rate: 1_000, durationSeconds: 10 });
 */
export const pacedLoad = (spec: LoadSpec & { readonly rate: number }): Promise<LoadResult> =>
  new Promise((resolve) => {
    const url = new URL(spec.url);
    const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
    const headers = { ...spec.headers, "content-length": String(Buffer.byteLength(spec.body)) };
    const intervalMs = 1000 / spec.rate;
    const warmupMs = (spec.warmupSeconds ?? 0) * 1000;
    const durationMs = warmupMs + spec.durationSeconds * 1000;
    const latencies: number[] = [];
    let warmupRequests = 0;
    let errors = 0;
    let non2xx = 0;
    let sent = 0;
    let settled = 0;
    let stopped = false;
    const start = performance.now();

    const finish = (): void => {
      agent.destroy();
      resolve({ requests: latencies.length, requestsPerSecond: latencies.length / spec.durationSeconds, errors, non2xx, ...latencyPercentiles(latencies), warmupRequests });
    };
    const done = (): void => {
      settled++;
      if (stopped && settled === sent) finish();
    };
    const send = (): void => {
      sent++;
      const sentAt = performance.now();
      const measured = sentAt - start >= warmupMs;
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", agent, headers }, (res) => {
        res.on("data", () => undefined);
        res.on("end", () => {
          if (res.statusCode === undefined || res.statusCode < 200 || res.statusCode >= 300) non2xx++;
          else if (measured) latencies.push(performance.now() - sentAt);
          else warmupRequests++;
          done();
        });
      });
      req.on("error", () => {
        errors++;
        done();
      });
      req.end(spec.body);
    };
    const tick = (): void => {
      const now = performance.now();
      const due = Math.min(Math.floor((now - start) / intervalMs), Math.floor(durationMs / intervalMs) - 1);
      while (sent <= due) send();
      if (now - start < durationMs) {
        setTimeout(tick, Math.max(0, start + sent * intervalMs - performance.now()));
        return;
      }
      stopped = true;
      if (settled === sent) finish();
    };
    tick();
  });
