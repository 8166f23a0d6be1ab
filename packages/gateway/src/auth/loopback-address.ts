import { isIPv4 } from "node:net";

/**
 * True for a loopback peer address: 127.0.0.0/8, `::1`, and their IPv4-mapped IPv6 forms
 * (`::ffff:127.0.0.1`, what a dual-stack listener on `::` reports). `undefined` (a socket
 * already gone) is not loopback.
 * @example
 * isLoopbackAddress("127.0.0.2"); // true
 * isLoopbackAddress("192.0.2.10"); // false
 */
export const isLoopbackAddress = (address: string | undefined): boolean => {
  if (address === undefined) return false;
  const a = address.toLowerCase();
  if (a === "::1" || a === "0:0:0:0:0:0:0:1") return true;
  const v4 = a.startsWith("::ffff:") ? a.slice(7) : a;
  return isIPv4(v4) && v4.startsWith("127.");
};
