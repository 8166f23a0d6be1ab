import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * A virtual key as stored: never the plaintext, only its SHA-256 and a short preview.
 * @example
 * const k: VirtualKey = { id: "key_1a2b", name: "team-a", hash: "…", preview: "sk-sy-Ab…yz", createdAt: Date.now(), source: "admin" };
 */
export interface VirtualKey {
  readonly id: string;
  readonly name: string;
  /** Hex SHA-256 of the plaintext key. */
  readonly hash: string;
  /** Enough of the key to recognise it in a list. */
  readonly preview: string;
  /** Routes, models or aliases the key may call; absent = all. */
  readonly routes?: ReadonlyArray<string>;
  readonly rpm?: number;
  readonly tpm?: number;
  readonly budget?: { readonly dailyUsd?: number; readonly monthlyUsd?: number };
  readonly createdAt: number;
  readonly revokedAt?: number;
  /** Config keys are managed by editing the config, not the admin API. */
  readonly source: "config" | "admin";
}

/**
 * Hex SHA-256 of a key: what the store keeps and looks up by.
 * @example
 * hashKey("sk-sy-abc"); // "5f2b…"
 */
export const hashKey = (plaintext: string): string => createHash("sha256").update(plaintext).digest("hex");

/**
 * A fresh key: `sk-sy-` and 32 random base64url characters (192 bits).
 * @example
 * const key = generateKey(); // "sk-sy-…"
 */
export const generateKey = (): string => `sk-sy-${randomBytes(24).toString("base64url")}`;

/**
 * A preview that identifies a key without revealing it.
 * @example
 * keyPreview("sk-sy-abcdefghijklmnop"); // "sk-sy-ab…op"
 */
export const keyPreview = (plaintext: string): string => `${plaintext.slice(0, 8)}…${plaintext.slice(-2)}`;

/**
 * Constant-time equality of two hex digests.
 * @example
 * sameHash(hashKey(a), stored.hash);
 */
export const sameHash = (a: string, b: string): boolean => {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The id of a key declared in config: stable across restarts and replicas.
 * @example
 * configKeyId("team-a"); // "cfg_team-a"
 */
export const configKeyId = (name: string): string => `cfg_${name}`;

/**
 * A fresh id for an admin-created key.
 * @example
 * newKeyId(); // "key_9f8e7d6c5b4a3921"
 */
export const newKeyId = (): string => `key_${randomBytes(8).toString("hex")}`;
