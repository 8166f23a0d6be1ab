import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/**
 * Resident set size of a process in KiB, from `/proc/<pid>/status` (Linux).
 * @example
 * const before = rssKiB(gw.pid);
 */
export const rssKiB = (pid: number): number => {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (m?.[1] === undefined) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]);
};

/**
 * Open file descriptors of a process (sockets included), from `/proc/<pid>/fd`.
 * @example
 * const fds = openFds(gw.pid);
 */
export const openFds = (pid: number): number => readdirSync(`/proc/${pid}/fd`).length;

/**
 * Open TCP sockets of a process: fds that are sockets (`socket:[inode]` links).
 * @example
 * const sockets = openSockets(gw.pid);
 */
export const openSockets = (pid: number): number => {
  let n = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith("socket:")) n++;
    } catch {
      // The fd closed between listing and reading: not open any more.
    }
  }
  return n;
};
