import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningGateway } from "@switchyard/gateway";
import type { Simulator } from "@switchyard/providers/testing";
import { startSimulatedGateway } from "../support/start-simulated-gateway.js";

// A JSON (non-streaming) chat request is cancelled when its client goes away or the
// gateway's request timeout passes: the upstream call is abandoned (its connection closed)
// and a timeout is answered with a 504 in OpenAI's error shape.
let sim: Simulator;
let gw: RunningGateway;
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ sim, gw, close } = await startSimulatedGateway("slow", { latencyMs: 10_000, text: "too late" }, { requestTimeoutMs: 1_500 }));
}, 60_000);
afterAll(() => close());

const body = JSON.stringify({ model: "main", messages: [{ role: "user", content: "hi" }] });
const upstreamCalls = () => sim.log.filter((e) => e.path.endsWith("/chat/completions"));

describe("cancelling a JSON chat request", () => {
  it("closes the upstream connection when the client disconnects", { timeout: 30_000 }, async () => {
    const before = upstreamCalls().length;
    const req = request(`${gw.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" } });
    req.on("error", () => undefined);
    req.end(body);
    await expect.poll(() => upstreamCalls().length, { timeout: 5_000 }).toBe(before + 1);
    const started = Date.now();
    req.destroy();
    await expect.poll(() => upstreamCalls().at(-1)?.aborted, { timeout: 5_000 }).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("answers 504 request_timeout when the gateway's request timeout passes, and abandons the upstream", { timeout: 30_000 }, async () => {
    const started = Date.now();
    const res = await fetch(`${gw.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(res.status).toBe(504);
    expect(await res.json()).toEqual({
      error: { message: "The request took longer than the gateway's request timeout.", type: "timeout_error", param: null, code: "request_timeout" },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect.poll(() => upstreamCalls().at(-1)?.aborted, { timeout: 5_000 }).toBe(true);
  });
});
