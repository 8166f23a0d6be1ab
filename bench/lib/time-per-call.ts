/** Options of {@link compareTimePerCall}. */
export interface TimePerCallOptions {
  readonly warmup: number;
  readonly iterations: number;
  /** Rounds measured; the median round is reported so a GC pause or a noisy neighbour does not decide. */
  readonly rounds: number;
}

/**
 * Work a function's calls leave for later (a span processor's batch export), run once at the
 * end of each of its blocks inside the block's measured time, so that it is charged to the
 * calls that caused it and not to whichever function is measured next.
 */
export type DeferredWork<K extends string> = Partial<Readonly<Record<K, () => Promise<unknown>>>>;

/** Per-call cost of one function: wall-clock µs, and CPU µs this process spent (all its threads, GC included). */
export interface PerCall {
  /** The median round's figures. */
  readonly wallUs: number;
  readonly cpuUs: number;
  /** Every round's figures, in round order: rounds of two functions pair up by index. */
  readonly wallByRound: ReadonlyArray<number>;
  readonly cpuByRound: ReadonlyArray<number>;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/**
 * Measures several async functions called sequentially (each awaited before the next),
 * interleaved round by round so drift of the machine hits each alike, each round starting
 * one function later than the last, so what one block leaves behind (garbage to collect)
 * does not always land on the same neighbour. Reports the median round's wall and CPU µs
 * per call. CPU time is what a busy shared machine distorts least:
 * time this process spent waiting for a core does not count.
 * @example
 * const us = await compareTimePerCall({ direct, routed }, { warmup: 1_000, iterations: 10_000, rounds: 7 });
 * us.routed.cpuUs - us.direct.cpuUs; // µs added per call
 */
export const compareTimePerCall = async <K extends string>(
  fns: Readonly<Record<K, () => Promise<unknown>>>,
  options: TimePerCallOptions,
  deferred: DeferredWork<K> = {},
): Promise<Record<K, PerCall>> => {
  const names = Object.keys(fns) as K[];
  const wall = new Map<K, number[]>(names.map((n) => [n, []]));
  const cpu = new Map<K, number[]>(names.map((n) => [n, []]));
  for (const n of names) for (let i = 0; i < options.warmup; i++) await fns[n]();
  for (let r = 0; r < options.rounds; r++) {
    for (let j = 0; j < names.length; j++) {
      const n = names[(r + j) % names.length] as K;
      const fn = fns[n];
      const settle = deferred[n];
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      for (let i = 0; i < options.iterations; i++) await fn();
      if (settle !== undefined) await settle();
      const elapsed = Number(process.hrtime.bigint() - start) / 1_000;
      const used = process.cpuUsage(cpuStart);
      wall.get(n)?.push(elapsed / options.iterations);
      cpu.get(n)?.push((used.user + used.system) / options.iterations);
    }
  }
  const out = {} as Record<K, PerCall>;
  for (const n of names) {
    const w = wall.get(n) ?? [];
    const c = cpu.get(n) ?? [];
    out[n] = { wallUs: median(w), cpuUs: median(c), wallByRound: w, cpuByRound: c };
  }
  return out;
};

/**
 * What `measured` adds over `baseline`: the median over rounds of the difference within each
 * round. Two blocks of one round ran seconds apart at most; the medians of two functions can
 * come from rounds minutes apart, and on a machine whose speed drifts their difference is
 * mostly drift.
 * @example
 * const added = addedPerCall(us.routed, us.direct);
 * added.cpuUs; // µs of CPU added per call
 */
export const addedPerCall = (measured: PerCall, baseline: PerCall): { readonly wallUs: number; readonly cpuUs: number } => ({
  wallUs: median(measured.wallByRound.map((x, i) => x - (baseline.wallByRound[i] ?? Number.NaN))),
  cpuUs: median(measured.cpuByRound.map((x, i) => x - (baseline.cpuByRound[i] ?? Number.NaN))),
});
