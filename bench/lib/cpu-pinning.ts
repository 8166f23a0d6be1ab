import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";

/** Cores of the two-core split: the process under test on one, everything else on the other. */
const CPU = { harness: 0, target: 1 } as const;

/** Pins benchmark processes to cores, or does nothing when pinning is off. */
export interface CpuPinning {
  /** Pins a process (default: this script) to the harness core; children it starts afterwards inherit it. */
  readonly pinHarness: (pid?: number) => void;
  /** Moves a target process, all its threads included, to the target core. */
  readonly pinTarget: (pid: number) => void;
  /** One line for a table's heading. */
  readonly describe: () => string;
}

const pinToCore = (pid: number, cpu: number): void => {
  const r = spawnSync("taskset", ["-a", "-p", "-c", String(cpu), String(pid)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`taskset could not pin process ${pid} to core ${cpu}: ${r.stderr.trim()}`);
};

/**
 * The `--pin` option of the gateway benchmarks: each target alone on one core, the upstream
 * simulator, the load generator and the script on the other. Unpinned, the three compete for
 * both cores and the scheduler decides who waits: on the 2-core machines these benchmarks
 * target, requests per second move ±30 % between identical runs. Pinned, every target is
 * measured on the same single core (its GC threads included) and repeats within a few
 * percent — the way to compare two builds. It also means one core per target: a target
 * that needs more than one core at a fixed rate queues instead of borrowing the second, so
 * the headline tables are taken unpinned. Needs Linux, `taskset` and two cores; asking for
 * it without them is an error.
 * @example
 * const pinning = cpuPinning(values.pin === true);
 * pinning.pinHarness();
 * pinning.pinTarget(gateway.pid);
 */
export const cpuPinning = (wanted: boolean): CpuPinning => {
  if (wanted && (process.platform !== "linux" || availableParallelism() < 2 || spawnSync("taskset", ["-V"]).status !== 0)) {
    throw new Error("--pin needs Linux with taskset (util-linux) and at least two cores");
  }
  return {
    pinHarness: (pid = process.pid) => {
      if (wanted) pinToCore(pid, CPU.harness);
    },
    pinTarget: (pid) => {
      if (wanted) pinToCore(pid, CPU.target);
    },
    describe: () => (wanted ? "each target pinned to one core, simulator and load to the other" : "not pinned to cores"),
  };
};
