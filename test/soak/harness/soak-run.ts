/** One sample of a resource gauge during a soak. */
export interface SoakSample {
  readonly atMs: number;
  readonly value: number;
}

/** What a soak did and what it measured. */
export interface SoakResult {
  readonly requests: number;
  readonly failures: number;
  /** Requests that were expected to fail (an upstream 500 on the `failing` route) and did. */
  readonly expectedErrors: number;
  /** Why requests failed: HTTP status or error name, with counts. */
  readonly failureKinds: Readonly<Record<string, number>>;
  readonly samples: Readonly<Record<string, ReadonlyArray<SoakSample>>>;
}

/** Options of {@link runSoak}. */
export interface SoakOptions {
  /** Gateway base URL. */
  readonly url: string;
  readonly durationMs: number;
  /** Requests started per second (steady, open loop). */
  readonly rps: number;
  /** Gauges read once a second (RSS, open fds, active handles...). */
  readonly gauges: Readonly<Record<string, () => number>>;
  /** Route that answers normally, and one whose upstream always fails (error paths must not leak either). */
  readonly route: string;
  readonly failingRoute: string;
  /**
   * Runs after the traffic, before the final sample: e.g. closing the upstream so pooled
   * keep-alive connections (a bounded pool, not a leak) close and do not count as leaked.
   */
  readonly settle?: () => Promise<void>;
}

const once = async (url: string, route: string, stream: boolean, i: number): Promise<number> => {
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: route, stream, messages: [{ role: "user", content: `soak ${i}` }] }),
    signal: AbortSignal.timeout(15_000),
  });
  await res.text();
  return res.status;
};

/**
 * Drives a gateway at a steady rate for a while — JSON and SSE answers, upstream failures,
 * and one in twenty requests abandoned by the client mid-way — sampling resource gauges once
 * a second, so growth in memory, sockets or timers shows up as a trend.
 * @example
 * const r = await runSoak({ url: gw.url, durationMs: 30_000, rps: 40, route: "main", failingRoute: "broken", gauges: { rssKiB: () => rssKiB(gw.pid) } });
 */
export const runSoak = async (o: SoakOptions): Promise<SoakResult> => {
  const samples: Record<string, SoakSample[]> = Object.fromEntries(Object.keys(o.gauges).map((k) => [k, []]));
  const started = Date.now();
  const sample = (): void => {
    for (const [k, read] of Object.entries(o.gauges)) samples[k]?.push({ atMs: Date.now() - started, value: read() });
  };
  sample();
  const sampler = setInterval(sample, 1_000);
  let requests = 0;
  let failures = 0;
  let expectedErrors = 0;
  const failureKinds: Record<string, number> = {};
  const fail = (kind: string): void => {
    failures++;
    failureKinds[kind] = (failureKinds[kind] ?? 0) + 1;
  };
  const inFlight = new Set<Promise<void>>();
  const interval = 1_000 / o.rps;
  for (let i = 0; Date.now() - started < o.durationMs; i++) {
    const kind = i % 20;
    const p = (async () => {
      try {
        if (kind === 7) {
          // A client that gives up mid-stream: the gateway must cancel upstream and free the socket.
          const ctl = new AbortController();
          const res = await fetch(`${o.url}/v1/chat/completions`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ model: o.route, stream: true, messages: [{ role: "user", content: `abandon ${i}` }] }),
            signal: ctl.signal,
          });
          await res.body?.getReader().read();
          ctl.abort();
          return;
        }
        const failing = kind === 13;
        const status = await once(o.url, failing ? o.failingRoute : o.route, kind % 2 === 1, i);
        if (failing && status >= 500) expectedErrors++;
        else if (status !== 200) fail(`${failing ? "failing-route " : ""}${status}`);
      } catch (e) {
        if (!(e instanceof Error && e.name === "AbortError")) fail(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
      } finally {
        requests++;
      }
    })();
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    const next = started + (i + 1) * interval;
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
  }
  await Promise.all(inFlight);
  await o.settle?.();
  // Let keep-alive sockets and per-request timers run out before the last sample.
  await new Promise((r) => setTimeout(r, 6_000));
  clearInterval(sampler);
  sample();
  return { requests, failures, expectedErrors, failureKinds, samples };
};

/**
 * Growth of a gauge: the median of the last quarter of samples minus the median of the
 * first quarter (after warm-up), robust to one-off GC spikes.
 * @example
 * growth(result.samples.rssKiB); // e.g. 1200 (KiB)
 */
export const growth = (samples: ReadonlyArray<SoakSample>): number => {
  const q = Math.max(1, Math.floor(samples.length / 4));
  const median = (xs: ReadonlyArray<SoakSample>): number => {
    const v = xs.map((s) => s.value).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)] ?? 0;
  };
  return median(samples.slice(-q)) - median(samples.slice(1, 1 + q));
};
