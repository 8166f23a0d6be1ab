import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defineConfig, silentLogger, startGateway } from "@switchyard/gateway";
import { startSimulator, type Simulator } from "@switchyard/providers/testing";
import { spawnGateway } from "../chaos/harness/gateway-process.js";
import { openFds, rssKiB } from "../chaos/harness/process-stats.js";
import { growth, runSoak } from "./harness/soak-run.js";

/**
 * CI soak (the long one is `bench/soak.ts`): a steady request rate with JSON, SSE, upstream
 * failures and abandoned streams, asserting that the gateway's memory and open descriptors
 * stay flat, and (in-process) that no timer or socket outlives the traffic.
 */
const DURATION_MS = Number(process.env["SOAK_CI_MS"] ?? 30_000); // issue #8: CI runs a 30-second soak
const RPS = 40;

// Each test gets its own simulator and closes it before the final sample (see `settle`).
let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator({ logLimit: 500 });
});
afterEach(async () => {
  await sim.close();
});

const config = () =>
  defineConfig({
    models: { up: { provider: "simulator", model: "soak", baseURL: `${sim.url}/v1` }, broken: { provider: "simulator", model: "sim-fail-500", baseURL: `${sim.url}/v1` } },
    routes: { main: { models: ["up"] }, failing: { models: ["broken"], retry: false } },
  });

describe("soak (CI length)", () => {
  it("gateway process: flat RSS and no leaked descriptors at a steady rate", { timeout: DURATION_MS + 60_000 }, async () => {
    const gw = await spawnGateway({ config: config() });
    try {
      const r = await runSoak({ url: gw.url, durationMs: DURATION_MS, rps: RPS, route: "main", failingRoute: "failing", settle: () => sim.close(), gauges: { rssKiB: () => rssKiB(gw.pid), fds: () => openFds(gw.pid) } });
      const rss = r.samples["rssKiB"] ?? [];
      const fds = r.samples["fds"] ?? [];
      const rssGrowth = growth(rss);
      const fdDelta = (fds.at(-1)?.value ?? 0) - (fds[0]?.value ?? 0);
      console.log(
        `[soak] ${DURATION_MS / 1000}s at ${RPS} rps: requests=${r.requests} failures=${r.failures} ${JSON.stringify(r.failureKinds)} expectedUpstreamErrors=${r.expectedErrors} ` +
          `rss ${Math.round((rss[0]?.value ?? 0) / 1024)}→${Math.round((rss.at(-1)?.value ?? 0) / 1024)} MiB (trend ${Math.round(rssGrowth / 1024)} MiB) fds ${fds[0]?.value}→${fds.at(-1)?.value} (peak ${Math.max(...fds.map((s) => s.value))})`,
      );
      expect(r.requests).toBeGreaterThan((DURATION_MS / 1000) * RPS * 0.8);
      expect(r.failures).toBe(0);
      expect(r.expectedErrors).toBeGreaterThan(0);
      expect(rssGrowth).toBeLessThan(48 * 1024);
      expect(fdDelta).toBeLessThanOrEqual(4);
    } finally {
      await gw.stop();
    }
  });

  it("in-process: no timers or sockets outlive the traffic (process.getActiveResourcesInfo)", { timeout: 40_000 }, async () => {
    const kinds = () => process.getActiveResourcesInfo().filter((k) => k === "Timeout" || k === "TCPSocketWrap" || k === "TCPWRAP").length;
    const gw = await startGateway({ config: config(), port: 0, logger: silentLogger });
    try {
      const before = kinds();
      const r = await runSoak({ url: gw.url, durationMs: 5_000, rps: RPS, route: "main", failingRoute: "failing", settle: () => sim.close(), gauges: { active: kinds } });
      const after = kinds();
      const peak = Math.max(...(r.samples["active"] ?? []).map((s) => s.value));
      console.log(`[soak] in-process: requests=${r.requests} failures=${r.failures} active timers+sockets before=${before} peak=${peak} after=${after}`);
      expect(r.failures).toBe(0);
      expect(peak).toBeGreaterThan(before);
      expect(after).toBeLessThanOrEqual(before + 2);
    } finally {
      await gw.close();
    }
  });
});
