import type { VirtualKey } from "./virtual-key.js";

/**
 * Where admin-created virtual keys live: memory for one process, Redis for many replicas.
 * @example
 * await store.put(key); const found = await store.findByHash(hashKey(plaintext));
 */
export interface KeyStore {
  readonly findByHash: (hash: string) => Promise<VirtualKey | undefined>;
  readonly get: (id: string) => Promise<VirtualKey | undefined>;
  readonly list: () => Promise<ReadonlyArray<VirtualKey>>;
  readonly put: (key: VirtualKey) => Promise<void>;
}

/**
 * An in-memory key store.
 * @example
 * const store = createMemoryKeyStore();
 */
export const createMemoryKeyStore = (): KeyStore => {
  const byHash = new Map<string, VirtualKey>();
  const byId = new Map<string, VirtualKey>();
  return {
    findByHash: async (hash) => byHash.get(hash),
    get: async (id) => byId.get(id),
    list: async () => [...byId.values()],
    put: async (key) => {
      byHash.set(key.hash, key);
      byId.set(key.id, key);
    },
  };
};
