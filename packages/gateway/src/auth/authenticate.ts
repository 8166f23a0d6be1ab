import type { IncomingMessage } from "node:http";
import type { GatewayRuntime } from "../config/build-runtime.js";
import { GatewayError } from "../http/gateway-error.js";
import type { KeyStore } from "./key-store.js";
import { isLoopbackAddress } from "./loopback-address.js";
import { hashKey, sameHash, type VirtualKey } from "./virtual-key.js";

/**
 * The key a client presented: `Authorization: Bearer …` or `x-api-key` (Anthropic clients).
 * @example
 * presentedKey(req); // "sk-sy-…" or undefined
 */
export const presentedKey = (req: IncomingMessage): string | undefined => {
  const auth = req.headers.authorization;
  if (auth !== undefined && auth.length > 7 && auth.slice(0, 7).toLowerCase() === "bearer ") return auth.slice(7).trim();
  const x = req.headers["x-api-key"];
  return typeof x === "string" && x !== "" ? x : undefined;
};

const invalid = (message: string): GatewayError => new GatewayError(401, "authentication_error", "invalid_api_key", message);

/**
 * Authenticates a request against config keys and the key store. Returns undefined when
 * auth is off (no `keys` in config); throws a 401 for a missing, unknown or revoked key.
 * @example
 * const key = await authenticate(req, runtime, store);
 */
export const authenticate = async (req: IncomingMessage, runtime: GatewayRuntime, store: KeyStore): Promise<VirtualKey | undefined> => {
  if (!runtime.authEnabled) return undefined;
  const presented = presentedKey(req);
  if (presented === undefined) throw invalid("You didn't provide an API key. Send it as `Authorization: Bearer sk-sy-...`.");
  const hash = hashKey(presented);
  const found = runtime.configKeys.get(hash) ?? (await store.findByHash(hash));
  // The map lookup is by digest; the constant-time compare keeps the final check timing-flat.
  if (found === undefined || !sameHash(found.hash, hash)) throw invalid("Incorrect API key provided.");
  if (found.revokedAt !== undefined) throw invalid("This API key has been revoked.");
  return found;
};

/**
 * Checks a key's scope: the name the client asked for or the route it resolves to must be allowed.
 * @example
 * authorize(key, "gpt-4o", "main");
 */
export const authorize = (key: VirtualKey | undefined, requested: string, route: string): void => {
  if (key?.routes === undefined) return;
  if (key.routes.includes(requested) || key.routes.includes(route)) return;
  throw new GatewayError(403, "permission_error", "model_not_allowed", `The key "${key.name}" is not allowed to use the model "${requested}".`, "model");
};

/** Who is calling the admin API, and with what key. */
export interface AdminCaller {
  /** The socket's peer address (never a forwarded header: those are client-controlled). */
  readonly address: string | undefined;
  readonly presented: string | undefined;
}

/** The admin API's configuration: the digest of `admin.key` and `admin.allowRemote`. */
export interface AdminPolicy {
  readonly keyHash: string | undefined;
  readonly allowRemote: boolean;
}

/**
 * Decides an admin request. Without `admin.key` the admin API does not exist (404); a
 * non-loopback caller is refused (403) unless `admin.allowRemote`; then the key must match
 * (digests compared in constant time), else 401. Returns undefined when allowed.
 * @example
 * checkAdminAccess({ address: "192.0.2.7", presented: key }, { keyHash, allowRemote: false })?.status; // 403
 */
export const checkAdminAccess = (caller: AdminCaller, policy: AdminPolicy): GatewayError | undefined => {
  if (policy.keyHash === undefined) return new GatewayError(404, "not_found_error", "not_found", "The admin API is not enabled (set `admin.key` in the config).");
  if (!policy.allowRemote && !isLoopbackAddress(caller.address)) {
    return new GatewayError(403, "permission_error", "admin_local_only", "The admin API answers loopback clients only (set `admin.allowRemote: true` to change that).");
  }
  if (caller.presented === undefined || !sameHash(hashKey(caller.presented), policy.keyHash)) return invalid("Incorrect admin key provided.");
  return undefined;
};

/**
 * Guards an admin request with {@link checkAdminAccess}, throwing its error.
 * @example
 * authenticateAdmin(req, runtime);
 */
export const authenticateAdmin = (req: IncomingMessage, runtime: GatewayRuntime): void => {
  const denied = checkAdminAccess(
    { address: req.socket.remoteAddress, presented: presentedKey(req) },
    { keyHash: runtime.adminKeyHash, allowRemote: runtime.settings.admin?.allowRemote === true },
  );
  if (denied !== undefined) throw denied;
};
