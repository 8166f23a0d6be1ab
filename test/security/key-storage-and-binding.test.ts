import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevtools } from "@switchyard/devtools";
import { silentLogger, startGateway } from "@switchyard/gateway";
import { startSimulator, type Simulator } from "@switchyard/providers/testing";
import { repoRoot, spawnGateway, type GatewayProcess } from "../chaos/harness/gateway-process.js";
import { startRedisServer, type RedisServer } from "../chaos/harness/redis-server.js";

/**
 * Keys at rest and the exposure of control surfaces: virtual keys are stored only as
 * SHA-256 digests (checked in a real Redis), compared in constant time, and the devtools and
 * admin API stay on localhost or behind a token.
 */
const ADMIN_KEY = "sk-sy-admin-at-rest-0123456789abcdef";
const CONFIG_KEY = "sk-sy-config-at-rest-0123456789abcdef";
const sha256 = (s: string): string => createHash("sha256").update(s).digest("hex");

describe("virtual keys are hashed at rest (real Redis)", () => {
  let sim: Simulator;
  let redis: RedisServer;
  let gw: GatewayProcess;
  beforeAll(async () => {
    sim = await startSimulator();
    redis = await startRedisServer();
    gw = await spawnGateway({
      env: { SY_ADMIN: ADMIN_KEY, SY_CONFIG_KEY: CONFIG_KEY },
      config: {
        models: { m: { provider: "simulator", model: "at-rest", baseURL: `${sim.url}/v1` } },
        keys: [{ name: "cfg", key: "env:SY_CONFIG_KEY" }],
        admin: { key: "env:SY_ADMIN" },
        state: { redis: redis.url, prefix: "sec:" },
      },
    });
  });
  afterAll(async () => {
    await gw?.stop();
    await redis?.stop();
    await sim?.close();
  });

  it("Redis holds digests and previews of admin-created keys, never their plaintext", async () => {
    const admin = { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" };
    const made: string[] = [];
    for (const name of ["one", "two"]) {
      const res = await fetch(`${gw.url}/admin/keys`, { method: "POST", headers: admin, body: JSON.stringify({ name }) });
      expect(res.status).toBe(201);
      made.push(((await res.json()) as { key: string }).key);
    }
    const [one = "", two = ""] = made;
    // Both keys work (so they are stored somewhere), one gets used and the other revoked.
    const call = (key: string) =>
      fetch(`${gw.url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${key}` }, body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }] }) });
    expect((await call(one)).status).toBe(200);
    expect((await call(CONFIG_KEY)).status).toBe(200);
    const id = ((await (await fetch(`${gw.url}/admin/keys`, { headers: admin })).json()) as { data: Array<{ id: string; name: string }> }).data.find((k) => k.name === "two")?.id;
    expect((await fetch(`${gw.url}/admin/keys/${id}`, { method: "DELETE", headers: admin })).status).toBe(200);
    expect((await call(two)).status).toBe(401);

    // Everything in Redis, whatever its type.
    const keys = redis.cli("--scan").split("\n").filter((k) => k !== "");
    const dump = keys
      .map((k) => {
        const type = redis.cli("TYPE", k);
        const value =
          type === "hash" ? redis.cli("HGETALL", k) : type === "list" ? redis.cli("LRANGE", k, "0", "-1") : type === "zset" ? redis.cli("ZRANGE", k, "0", "-1", "WITHSCORES") : type === "set" ? redis.cli("SMEMBERS", k) : redis.cli("GET", k);
        return `${k} ${type} ${value}`;
      })
      .join("\n");
    console.log(`[security] redis: ${keys.length} keys, ${dump.length} chars inspected for ${made.length + 2} plaintext keys`);
    expect(keys.length).toBeGreaterThan(0);
    for (const secret of [...made, CONFIG_KEY, ADMIN_KEY]) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(secret.slice(8, -2));
    }
    // What is there is the digest, as the lookup key.
    expect(redis.cli("HEXISTS", "sec:keys:by-hash", sha256(one))).toBe("1");
    expect(redis.cli("HEXISTS", "sec:keys:by-hash", sha256(two))).toBe("1");
  });
});

describe("keys are compared in constant time", () => {
  it("the gateway compares digests with crypto.timingSafeEqual, for client and admin keys alike", () => {
    const src = (f: string) => readFileSync(join(repoRoot, "packages/gateway/src/auth", f), "utf8");
    const virtualKey = src("virtual-key.ts");
    const authenticate = src("authenticate.ts");
    expect(virtualKey).toMatch(/import \{[^}]*timingSafeEqual[^}]*\} from "node:crypto"/);
    expect(virtualKey).toMatch(/sameHash[\s\S]*timingSafeEqual\(/);
    // Both the client-key and the admin-key checks go through sameHash on digests...
    expect(authenticate.match(/sameHash\(/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    // ...and no presented key is compared with === / !== anywhere in auth.
    expect(authenticate).not.toMatch(/presented\s*[!=]==\s*(?!undefined)\S/);
  });
});

describe("control surfaces stay local unless protected", () => {
  it("devtools refuses to listen on 0.0.0.0 without a token, and asks for it when given one", async () => {
    await expect(startDevtools({ host: "0.0.0.0", port: 0, dbPath: ":memory:", ui: false, token: "" })).rejects.toMatchObject({ _tag: "ConfigError" });
    const local = await startDevtools({ port: 0, dbPath: ":memory:", ui: false, token: "" });
    try {
      expect(new URL(local.url).hostname).toBe("127.0.0.1");
    } finally {
      await local.close();
    }
    const token = "devtools-token-for-test-0123456789";
    const exposed = await startDevtools({ host: "0.0.0.0", port: 0, dbPath: ":memory:", ui: false, token });
    try {
      const at = `http://127.0.0.1:${exposed.port}`;
      expect((await fetch(`${at}/api/runs`)).status).toBe(401);
      expect((await fetch(`${at}/api/runs`, { headers: { authorization: "Bearer wrong-token-of-some-length" } })).status).toBe(401);
      expect((await fetch(`${at}/v1/traces`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(401);
      expect((await fetch(`${at}/api/runs`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      await exposed.close();
    }
  });

  it("the gateway (and its admin API) listens on 127.0.0.1 by default, and has no admin API without an admin key", async () => {
    const gw = await startGateway({ config: { models: { m: { provider: "simulator", model: "x", baseURL: "http://127.0.0.1:9/v1" } } }, port: 0, logger: silentLogger });
    try {
      expect(new URL(gw.url).hostname).toBe("127.0.0.1");
      const res = await fetch(`${gw.url}/admin/keys`, { headers: { authorization: "Bearer anything-at-all-here" } });
      expect(res.status).toBe(404);
    } finally {
      await gw.close();
    }
  });
});
