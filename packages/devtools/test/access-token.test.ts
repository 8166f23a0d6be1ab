import { ConfigError } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { startDevtools } from "../src/server/start-devtools.js";

describe("devtools access", () => {
  it("refuses to listen beyond localhost without a token", async () => {
    const saved = process.env.SWITCHYARD_DEVTOOLS_TOKEN;
    delete process.env.SWITCHYARD_DEVTOOLS_TOKEN;
    try {
      await expect(startDevtools({ host: "0.0.0.0", port: 0, dbPath: ":memory:", ui: false })).rejects.toBeInstanceOf(ConfigError);
    } finally {
      if (saved !== undefined) process.env.SWITCHYARD_DEVTOOLS_TOKEN = saved;
    }
  });

  it("with a token, requires it as a bearer header or ?token= on every endpoint", async () => {
    const dt = await startDevtools({ port: 0, dbPath: ":memory:", ui: false, token: "s3cret-token" });
    try {
      const none = await fetch(`${dt.url}/api/runs`);
      expect(none.status).toBe(401);
      expect(await none.text()).not.toContain("s3cret");
      expect((await fetch(`${dt.url}/v1/traces`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(401);
      expect((await fetch(`${dt.url}/api/runs`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
      expect((await fetch(`${dt.url}/api/runs`, { headers: { authorization: "Bearer s3cret-token" } })).status).toBe(200);
      expect((await fetch(`${dt.url}/api/runs?token=s3cret-token`)).status).toBe(200);
    } finally {
      await dt.close();
    }
  });
});
