import { readFileSync } from "node:fs";

// /proc/<pid>/stat counts in clock ticks; 100 per second on every Linux this runs on.
const TICK_MICROS = 10_000;

/**
 * CPU time (user + system) a process has used so far, in µs, from `/proc/<pid>/stat`;
 * `undefined` where there is no procfs (not Linux) or the process is gone. Read before and
 * after a load run, it gives a target's CPU per request — which a machine shared with other
 * jobs distorts far less than requests per second.
 * @example
 * const before = processCpuMicros(pid);
 */
export const processCpuMicros = (pid: number): number | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) start at ") ".
    const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MICROS;
  } catch {
    return undefined;
  }
};
