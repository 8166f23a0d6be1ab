/**
 * Runs `task(i)` for i in [0, count) with at most `concurrency` in flight; collects results
 * in index order. Rejections are kept as values so one failure does not hide the others.
 * @example
 * const results = await runPool(200, 8, (i) => send(i));
 */
export const runPool = async <A>(count: number, concurrency: number, task: (i: number) => Promise<A>): Promise<Array<PromiseSettledResult<A>>> => {
  const results = new Array<PromiseSettledResult<A>>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      try {
        results[i] = { status: "fulfilled", value: await task(i) };
      } catch (reason) {
        results[i] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
};
