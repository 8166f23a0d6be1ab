import { z } from "zod";
import { authenticateAdmin } from "../auth/authenticate.js";
import { generateKey, hashKey, keyPreview, newKeyId, type VirtualKey } from "../auth/virtual-key.js";
import { GatewayError } from "../http/gateway-error.js";
import { parseJsonBody, readBody } from "../http/read-body.js";
import { sendJson } from "../http/respond.js";
import { firstIssue } from "../internal/format-issue-path.js";
import { readKeyUsage } from "../limits/key-limits.js";
import type { Exchange, GatewayContext, Handler } from "../server/gateway-context.js";
import { decodePathSegment } from "../http/decode-path-segment.js";

const CreateKey = z.strictObject({
  name: z.string().min(1).max(200),
  routes: z.array(z.string().min(1)).optional(),
  rpm: z.number().int().positive().optional(),
  tpm: z.number().int().positive().optional(),
  budget: z.strictObject({ dailyUsd: z.number().positive().optional(), monthlyUsd: z.number().positive().optional() }).optional(),
});

/** A key as the admin API shows it: never the hash or the plaintext. */
const publicView = ({ hash: _hash, ...rest }: VirtualKey) => ({ object: "key" as const, ...rest });

const allKeys = async (gw: GatewayContext, ex: Exchange): Promise<VirtualKey[]> => [...ex.runtime.configKeys.values(), ...(await gw.keys.list())];

const findKey = async (gw: GatewayContext, ex: Exchange, id: string): Promise<VirtualKey> => {
  const key = [...ex.runtime.configKeys.values()].find((k) => k.id === id) ?? (await gw.keys.get(id));
  if (key === undefined) throw new GatewayError(404, "not_found_error", "key_not_found", `No key with id "${id}".`);
  return key;
};

const storeWrite = async (op: () => Promise<void>): Promise<void> => {
  try {
    await op();
  } catch {
    // Keys must reach the shared store; a key on one replica only would half-work.
    throw new GatewayError(503, "server_error", "key_store_unavailable", "The key store is unavailable (Redis is down). Retry when it is back.", null, 5);
  }
};

const createKey: Handler = async (gw, ex) => {
  const parsed = CreateKey.safeParse(parseJsonBody(await readBody(ex.req, 64 * 1024)));
  if (!parsed.success) {
    const { message, path } = firstIssue(parsed.error);
    throw new GatewayError(400, "invalid_request_error", "invalid_request", `Invalid key: ${message}`, path || null);
  }
  const body = parsed.data;
  for (const r of body.routes ?? []) {
    if (ex.runtime.resolve(r) === undefined) throw new GatewayError(400, "invalid_request_error", "invalid_request", `Unknown route or model "${r}".`, "routes");
  }
  const plaintext = generateKey();
  const key: VirtualKey = {
    id: newKeyId(),
    name: body.name,
    hash: hashKey(plaintext),
    preview: keyPreview(plaintext),
    createdAt: Date.now(),
    source: "admin",
    ...(body.routes ? { routes: body.routes } : {}),
    ...(body.rpm !== undefined ? { rpm: body.rpm } : {}),
    ...(body.tpm !== undefined ? { tpm: body.tpm } : {}),
    ...(body.budget ? { budget: body.budget } : {}),
  };
  await storeWrite(() => gw.keys.put(key));
  gw.log.info("virtual key created", { id: key.id, name: key.name });
  // The only time the plaintext leaves the gateway.
  sendJson(ex.res, 201, { ...publicView(key), key: plaintext });
};

const listKeys: Handler = async (gw, ex) => {
  sendJson(ex.res, 200, { object: "list", data: (await allKeys(gw, ex)).map(publicView) });
};

const readKey =
  (id: string): Handler =>
  async (gw, ex) => {
    const key = await findKey(gw, ex, id);
    sendJson(ex.res, 200, { ...publicView(key), usage: await readKeyUsage(gw.state, key.id) });
  };

const readSpend =
  (id: string): Handler =>
  async (gw, ex) => {
    const key = await findKey(gw, ex, id);
    sendJson(ex.res, 200, { id: key.id, name: key.name, budget: key.budget ?? null, ...(await readKeyUsage(gw.state, key.id)) });
  };

const revokeKey =
  (id: string): Handler =>
  async (gw, ex) => {
    const key = await findKey(gw, ex, id);
    if (key.source === "config") throw new GatewayError(400, "invalid_request_error", "invalid_request", `The key "${key.name}" is declared in the config; remove it there.`);
    const revoked: VirtualKey = { ...key, revokedAt: key.revokedAt ?? Date.now() };
    await storeWrite(() => gw.keys.put(revoked));
    gw.log.info("virtual key revoked", { id: key.id, name: key.name });
    sendJson(ex.res, 200, { ...publicView(revoked), revoked: true });
  };

/**
 * The admin API under `/admin/keys`, guarded by the config's `admin.key`: create (the
 * plaintext is returned once), list, read (with usage), read spend, revoke.
 * @example
 * const handler = adminKeys("POST", "/admin/keys"); // undefined for an unknown path
 */
export const adminKeys = (method: string, path: string): Handler | undefined => {
  const parts = path.split("/").filter((p) => p !== ""); // ["admin", "keys", id?, "spend"?]
  if (parts[0] !== "admin" || parts[1] !== "keys" || parts.length > 4) return undefined;
  // Decoded inside the handler (which runs under the server's error handling), so bad
  // percent-encoding is a 400 rather than an exception on the routing path.
  const encodedId = parts[2];
  const withId = (make: (id: string) => Handler): Handler => async (gw, ex) => make(decodePathSegment(encodedId ?? ""))(gw, ex);
  const pick = (): Handler | undefined => {
    if (encodedId === undefined) return method === "POST" ? createKey : method === "GET" ? listKeys : undefined;
    if (parts[3] === "spend") return method === "GET" ? withId(readSpend) : undefined;
    if (parts[3] !== undefined) return undefined;
    return method === "GET" ? withId(readKey) : method === "DELETE" ? withId(revokeKey) : undefined;
  };
  const handler = pick();
  if (handler === undefined) return undefined;
  return async (gw, ex) => {
    authenticateAdmin(ex.req, ex.runtime);
    await handler(gw, ex);
  };
};
