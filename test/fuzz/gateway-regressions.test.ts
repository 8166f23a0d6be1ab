import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnGateway } from "../chaos/harness/gateway-process.js";
import { contractViolation } from "./harness/error-shape.js";
import { FUZZ_ADMIN_KEY, FUZZ_KEY, startFuzzTarget, type FuzzTarget } from "./harness/fuzz-gateway.js";
import { deepObjectText } from "./harness/hostile-requests.js";
import { rawRequest } from "./harness/raw-http.js";

/**
 * Regression tests for bad inputs the fuzz suites found. A case still open is marked
 * `it.fails` (it starts failing when a fix lands, and the marker must then be removed).
 */

const chatWithDeepToolSchema = (model: string, depth: number): string =>
  JSON.stringify({
    model,
    messages: [{ role: "user", content: "deep" }],
    tools: [{ type: "function", function: { name: "f", parameters: { type: "object", properties: "__DEEP__" } } }],
  }).replace('"__DEEP__"', deepObjectText(depth));

describe("bad inputs the fuzz suites once found mishandled", () => {
  let t: FuzzTarget;
  beforeAll(async () => {
    t = await startFuzzTarget();
  });
  afterAll(async () => {
    await t?.close();
  });

  // Was: cached route → internal/stable-json.ts recursed per level → 500. Now refused at the edge (MAX_JSON_DEPTH).
  it("a 10k-deep tool schema on a cached route is a 400, not a 500", async () => {
    const res = await rawRequest(t.port, { method: "POST", path: "/v1/chat/completions", headers: [`authorization: Bearer ${FUZZ_KEY}`], body: chatWithDeepToolSchema("main", 10_000) });
    expect(contractViolation(res, "/v1/chat/completions", { mustReject: true })).toBeUndefined();
  });

  // Was: the provider's JSON.stringify overflowed → "Unavailable", retried 3 times → 502.
  it("a 10k-deep tool schema on an uncached route is a 400, not a retried 502", async () => {
    const before = t.sim.log.length;
    const res = await rawRequest(t.port, { method: "POST", path: "/v1/chat/completions", headers: [`authorization: Bearer ${FUZZ_KEY}`], body: chatWithDeepToolSchema("plain", 10_000) });
    expect(contractViolation(res, "/v1/chat/completions", { mustReject: true })).toBeUndefined();
    expect(t.sim.log.length).toBe(before);
  });

  it("a 10k-deep tool_use input on /v1/messages is a 400 in Anthropic's format", async () => {
    const body = JSON.stringify({
      model: "plain",
      max_tokens: 16,
      messages: [
        { role: "user", content: "hi" },
        { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "f", input: "__DEEP__" }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "ok" }] },
      ],
    }).replace('"__DEEP__"', deepObjectText(10_000));
    const res = await rawRequest(t.port, { method: "POST", path: "/v1/messages", headers: [`x-api-key: ${FUZZ_KEY}`], body });
    expect(contractViolation(res, "/v1/messages", { mustReject: true })).toBeUndefined();
  });
});

describe("malformed percent-encoding (once a crash)", () => {
  // Was: decodeURIComponent ran outside the handler's try and killed the process; now the
  // segment is decoded inside the handler and malformed encoding is a 400.
  it("GET /v1/models/%E0 and GET /admin/keys/%ZZ are 4xx and the gateway keeps running", { timeout: 60_000 }, async () => {
    const t = await startFuzzTarget();
    try {
      const probes = [
        { path: "/v1/models/%E0", auth: `authorization: Bearer ${FUZZ_KEY}` },
        { path: "/admin/keys/%ZZ", auth: `authorization: Bearer ${FUZZ_ADMIN_KEY}` },
      ];
      const outcomes: Array<{ path: string; violation: string | undefined; alive: boolean }> = [];
      for (const p of probes) {
        const res = await rawRequest(t.port, { method: "GET", path: p.path, headers: [p.auth] });
        await new Promise((r) => setTimeout(r, 300));
        outcomes.push({ path: p.path, violation: contractViolation(res, p.path, { mustReject: true }), alive: t.gw.alive() });
      }
      expect(outcomes).toEqual(probes.map((p) => ({ path: p.path, violation: undefined, alive: true })));
    } finally {
      await t.close();
    }
  });
});

describe("gateway config regression", () => {
  // Was: headersTimeout was fixed at 60 000 ms, and Node requires headersTimeout <=
  // requestTimeout, so any limits.requestTimeoutMs < 60 000 made `serve` exit with a RangeError.
  it("limits.requestTimeoutMs: 10000 is a valid config the gateway starts with", { timeout: 60_000 }, async () => {
    const gw = await spawnGateway({
      config: { models: { m: { provider: "simulator", model: "x", baseURL: "http://127.0.0.1:9/v1" } }, limits: { requestTimeoutMs: 10_000 } },
    });
    await gw.stop();
  });
});
