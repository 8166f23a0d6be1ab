import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashKey, silentLogger, startGateway, type RunningGateway } from "@switchyard/gateway";
import type { Simulator } from "@switchyard/providers/testing";
import { checkAdminAccess } from "../../packages/gateway/src/auth/authenticate.js";
import { isLoopbackAddress } from "../../packages/gateway/src/auth/loopback-address.js";
import { startGatewayProcess, type GatewayProcess } from "../support/start-gateway-process.js";
import { startTestSimulator } from "../support/start-test-simulator.js";
import { writeTempConfig } from "../support/write-temp-config.js";

// The admin API is local-only unless configured, and always needs its own key.
const ADMIN = "sk-sy-admin-access-test-0123456789";
const keyHash = hashKey(ADMIN);

describe("the admin access decision", () => {
  it("recognises loopback peers, including IPv6 and IPv4-mapped forms, and nothing else", () => {
    for (const a of ["127.0.0.1", "127.0.0.2", "127.255.255.254", "::1", "::ffff:127.0.0.1", "::FFFF:127.1.2.3", "0:0:0:0:0:0:0:1"]) expect([a, isLoopbackAddress(a)]).toEqual([a, true]);
    for (const a of [undefined, "", "192.0.2.10", "10.0.0.1", "::ffff:192.0.2.10", "fd00::2", "::", "0.0.0.0", "128.0.0.1", "1127.0.0.1", "localhost"]) {
      expect([a, isLoopbackAddress(a)]).toEqual([a, false]);
    }
  });

  it("404 without an admin key, 403 for a remote peer unless allowRemote, 401 for a wrong key, else allowed", () => {
    const local = { address: "127.0.0.1", presented: ADMIN };
    const remote = { address: "192.0.2.10", presented: ADMIN };
    expect(checkAdminAccess(local, { keyHash: undefined, allowRemote: true })?.status).toBe(404);
    expect(checkAdminAccess(remote, { keyHash: undefined, allowRemote: false })?.status).toBe(404);
    const refused = checkAdminAccess(remote, { keyHash, allowRemote: false });
    expect(refused).toMatchObject({ status: 403, type: "permission_error", code: "admin_local_only" });
    // A remote peer is refused before its key is even looked at.
    expect(checkAdminAccess({ ...remote, presented: "wrong-key-wrong-key" }, { keyHash, allowRemote: false })?.status).toBe(403);
    expect(checkAdminAccess({ address: undefined, presented: ADMIN }, { keyHash, allowRemote: false })?.status).toBe(403);
    expect(checkAdminAccess(remote, { keyHash, allowRemote: true })).toBeUndefined();
    expect(checkAdminAccess(local, { keyHash, allowRemote: false })).toBeUndefined();
    expect(checkAdminAccess({ address: "::1", presented: ADMIN }, { keyHash, allowRemote: false })).toBeUndefined();
    for (const presented of [undefined, "", "wrong", `${ADMIN}x`, ADMIN.slice(0, -1), keyHash]) {
      expect(checkAdminAccess({ address: "127.0.0.1", presented }, { keyHash, allowRemote: false })).toMatchObject({ status: 401, code: "invalid_api_key" });
      expect(checkAdminAccess({ address: "192.0.2.10", presented }, { keyHash, allowRemote: true })).toMatchObject({ status: 401, code: "invalid_api_key" });
    }
  });
});

describe("admin API over real HTTP", () => {
  let sim: Simulator;
  let gw: GatewayProcess;
  let cfg: ReturnType<typeof writeTempConfig>;
  beforeAll(async () => {
    sim = await startTestSimulator();
    cfg = writeTempConfig("gateway.json", { models: { fast: { provider: "simulator", model: "gpt-4o-mini" } }, admin: { key: "env:GW_ADMIN_ACCESS_KEY" } });
    gw = await startGatewayProcess(cfg.path, { SWITCHYARD_SIMULATOR_URL: sim.url, GW_ADMIN_ACCESS_KEY: ADMIN });
  }, 120_000);
  afterAll(async () => {
    await gw?.stop();
    await sim?.close();
    cfg?.cleanup();
  });

  it("answers a loopback client with the admin key (allowRemote off by default), refuses a wrong one in OpenAI's error shape", async () => {
    const ok = await fetch(`${gw.url}/admin/keys`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ object: "list" });
    const wrong = await fetch(`${gw.url}/admin/keys`, { headers: { authorization: "Bearer sk-sy-not-the-admin-key-000000" } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: { message: "Incorrect admin key provided.", type: "authentication_error", param: null, code: "invalid_api_key" } });
    // A forwarded-for header is client-controlled and changes nothing.
    const forwarded = await fetch(`${gw.url}/admin/keys`, { headers: { authorization: `Bearer ${ADMIN}`, "x-forwarded-for": "192.0.2.10" } });
    expect(forwarded.status).toBe(200);
  });

  it("rejects a non-boolean allowRemote as a config error naming the field", async () => {
    const models = { fast: { provider: "simulator", model: "m", baseURL: `${sim.url}/v1` } };
    await expect(startGateway({ config: { models, admin: { key: ADMIN, allowRemote: "yes" as unknown as boolean } }, port: 0, logger: silentLogger })).rejects.toMatchObject({
      _tag: "ConfigError",
      message: expect.stringContaining("admin.allowRemote"),
    });
  });
});

describe("admin API on an IPv6 loopback listener", () => {
  let gw: RunningGateway | undefined;
  afterAll(async () => {
    await gw?.close();
  });

  it("treats ::1 as local", async () => {
    gw = await startGateway({ config: { models: { m: { provider: "simulator", model: "x", baseURL: "http://127.0.0.1:9/v1" } }, admin: { key: ADMIN } }, host: "::1", port: 0, logger: silentLogger });
    expect(gw.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    const res = await fetch(`${gw.url}/admin/keys`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(res.status).toBe(200);
  });
});
