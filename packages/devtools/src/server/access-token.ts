import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** The cookie the UI keeps the token in after opening `/?token=...` once. */
export const TOKEN_COOKIE = "switchyard_devtools_token";

/**
 * Whether `host` only accepts connections from this machine.
 * @example
 * isLoopbackHost("127.0.0.1"); // true
 */
export const isLoopbackHost = (host: string): boolean =>
  host === "localhost" || host === "::1" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The token a request presents: `Authorization: Bearer`, `?token=`, or the UI's cookie.
 * @example
 * presentedToken(req, new URL(req.url!, "http://x"));
 */
export const presentedToken = (req: IncomingMessage, url: URL): string | undefined => {
  const auth = req.headers.authorization;
  if (auth?.toLowerCase().startsWith("bearer ")) return auth.slice(7).trim();
  const q = url.searchParams.get("token");
  if (q) return q;
  const cookie = req.headers.cookie?.split(";").map((c) => c.trim()).find((c) => c.startsWith(`${TOKEN_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(TOKEN_COOKIE.length + 1)) : undefined;
};

/**
 * Whether the request may pass: always when no token is configured, else only with it.
 * @example
 * if (!authorized(req, url, token)) return sendError(res, 401, "missing or wrong token", "unauthorized");
 */
export const authorized = (req: IncomingMessage, url: URL, token: string | undefined): boolean => {
  if (!token) return true;
  const given = presentedToken(req, url);
  return given !== undefined && same(given, token);
};
