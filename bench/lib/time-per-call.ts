/** Options of {@link compareTimePerCall}. */
export interface TimePerCallOptions {
  readonly warmup: number;
  readonly iterations: number;
  /** Rounds measured; the median round is reported so a GC pause or a noisy neighbour does not decide. */
  readonly rounds: number;
}

/** Per-call cost of one function: wall-clock µs, and CPU µs this process spent (all its threads, GC included). */
export interface PerCall {
  readonly wallUs: number;
  readonly cpuUs: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/**
 * Measures several async functions called sequentially (each awaited before the next),
 * interleaved round by round so drift of the machine hits each alike. Reports the median
 * round's wall and CPU µs per call. CPU time is what a busy shared machine distorts least:
 * time this process spent waiting for a core does not count.
 * @example
 * const us = await compareTimePerCall({ direct, routed }, { warmup: 1_000, iterations: 10_000, rounds: 7 });
 * us.routed.cpuUs - us.direct.cpuUs; // µs added per call
 */
export const compareTimePerCall = async <K extends string>(
  fns: Readonly<Record<K, () => Promise<unknown>>>,
  options: TimePerCallOptions,
): Promise<Record<K, PerCall>> => {
  const names = Object.keys(fns) as K[];
  const wall = new Map<K, number[]>(names.map((n) => [n, []]));
  const cpu = new Map<K, number[]>(names.map((n) => [n, []]));
  for (const n of names) for (let i = 0; i < options.warmup; i++) await fns[n]();
  for (let r = 0; r < options.rounds; r++) {
    for (const n of names) {
      const fn = fns[n];
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      for (let i = 0; i < options.iterations; i++) await fn();
      const elapsed = Number(process.hrtime.bigint() - start) / 1_000;
      const used = process.cpuUsage(cpuStart);
      wall.get(n)?.push(elapsed / options.iterations);
      cpu.get(n)?.push((used.user + used.system) / options.iterations);
    }
  }
  const out = {} as Record<K, PerCall>;
  for (const n of names) out[n] = { wallUs: median(wall.get(n) ?? []), cpuUs: median(cpu.get(n) ?? []) };
  return out;
};
