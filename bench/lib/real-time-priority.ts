import { spawnSync } from "node:child_process";

const chrt = (args: ReadonlyArray<string>): void => {
  const r = spawnSync("chrt", args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`chrt ${args.join(" ")} failed: ${(r.stderr || r.error?.message || "").trim()}`);
};

/**
 * Puts a process, all its threads included, on the real-time FIFO scheduler (`chrt -a -f`), so
 * no process at normal priority (the load generator, other jobs) can delay it once it is
 * ready to run; `restore` puts it back on the normal scheduler. Needs Linux, `chrt`
 * (util-linux) and CAP_SYS_NICE (root); without them it throws. Only for measuring how much
 * of a latency tail is scheduling: a busy process at real-time priority can starve the
 * rest of the machine, so do not start a process under it (tsx's loader then spins).
 * @example
 * setRealTimePriority(gateway.pid);
 * try { await runLoad(spec); } finally { restoreNormalPriority(gateway.pid); }
 */
export const setRealTimePriority = (pid: number, priority = 20): void => chrt(["-a", "-f", "-p", String(priority), String(pid)]);

/** Puts a process set by {@link setRealTimePriority} back on the normal scheduler. @example restoreNormalPriority(gateway.pid); */
export const restoreNormalPriority = (pid: number): void => chrt(["-a", "-o", "-p", "0", String(pid)]);
