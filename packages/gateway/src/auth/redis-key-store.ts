import type { Logger } from "../server/logger.js";
import type { RedisConnection } from "../state/redis-connection.js";
import { createMemoryKeyStore, type KeyStore } from "./key-store.js";
import type { VirtualKey } from "./virtual-key.js";

const parse = (json: string | null): VirtualKey | undefined => (json === null ? undefined : (JSON.parse(json) as VirtualKey));

/**
 * Virtual keys in Redis (a hash by key digest and an index by id), shared by every
 * replica. Keys read or written are mirrored locally so authentication keeps working on
 * the last known keys while Redis is away.
 * @example
 * const store = createRedisKeyStore(conn, "sy:", log);
 */
export const createRedisKeyStore = (conn: RedisConnection, prefix: string, log: Logger): KeyStore => {
  const redis = conn.client;
  const mirror = createMemoryKeyStore();
  const byHash = `${prefix}keys:by-hash`;
  const byId = `${prefix}keys:by-id`;
  const fallback = async <A>(op: () => Promise<A>, local: () => Promise<A>): Promise<A> => {
    if (!conn.connected()) return local();
    try {
      return await op();
    } catch (e) {
      log.warn("redis key store unavailable: using locally known keys", { error: e instanceof Error ? e.message : String(e) });
      return local();
    }
  };
  const remember = async (k: VirtualKey | undefined): Promise<VirtualKey | undefined> => {
    if (k !== undefined) await mirror.put(k);
    return k;
  };
  return {
    findByHash: (hash) => fallback(async () => remember(parse(await redis.hget(byHash, hash))), () => mirror.findByHash(hash)),
    get: (id) =>
      fallback(
        async () => {
          const hash = await redis.hget(byId, id);
          return hash === null ? undefined : remember(parse(await redis.hget(byHash, hash)));
        },
        () => mirror.get(id),
      ),
    list: () =>
      fallback(
        async () => Object.values(await redis.hgetall(byHash)).map((j) => JSON.parse(j) as VirtualKey),
        () => mirror.list(),
      ),
    // Writes must reach Redis: a key created on one replica only would not work on the others.
    put: async (key) => {
      await redis.multi().hset(byHash, key.hash, JSON.stringify(key)).hset(byId, key.id, key.hash).exec();
      await mirror.put(key);
    },
  };
};
