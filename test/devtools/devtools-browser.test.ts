import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRouter, startTelemetry, type ModelSpec, type RouteResult, type Telemetry } from "@switchyard/core";
import { startDevtools, type Devtools } from "@switchyard/devtools";
import { createOpenAICompatible } from "@switchyard/providers";
import { startSimulator, type Simulator } from "@switchyard/providers/testing";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const artifacts = join(import.meta.dirname, "../../test-artifacts/devtools");
const spec = (id: string, input: number, output: number): ModelSpec => ({
  id, provider: "simulator", contextWindow: 128_000, maxOutputTokens: 4096,
  pricing: { input, output }, capabilities: { tools: true, vision: false, json: true, streaming: true },
});

let sim: Simulator;
let devtools: Devtools;
let telemetry: Telemetry;
let browser: Browser;
let page: Page;
let dbDir: string;
let retried: RouteResult;
let other: RouteResult;
let router: ReturnType<typeof makeRouter>;

const makeRouter = (s: Simulator, t: Telemetry) => {
  const provider = createOpenAICompatible({ name: "simulator", baseURL: `${s.url}/v1` });
  return createRouter({
    models: {
      flaky: { model: provider("sim-flaky"), spec: spec("sim-flaky", 1, 2) },
      steady: { model: provider("sim-steady"), spec: spec("sim-steady", 3, 15) },
    },
    routes: {
      support: { models: ["flaky", "steady"], retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 5 } },
      quick: { models: ["steady"] },
    },
    observer: t.observer,
  });
};

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  dbDir = mkdtempSync(join(tmpdir(), "switchyard-devtools-"));
  // The first start on a fresh checkout builds the UI with Vite; that dominates this hook.
  devtools = await startDevtools({ port: 0, dbPath: join(dbDir, "devtools.db") });
  sim = await startSimulator({
    scripts: {
      "sim-flaky": { then: { status: 429, retryAfter: 0 } },
      "sim-steady": { then: { text: "Happy to help.", promptTokens: 40, completionTokens: 12, cachedTokens: 8 } },
    },
  });
  telemetry = startTelemetry({ serviceName: "devtools-browser-test", otlpEndpoint: devtools.url, captureContent: true, registerGlobal: false, exportDelayMs: 50 });
  router = makeRouter(sim, telemetry);
  retried = await router.chat("support", { messages: [{ role: "user", content: "Where is my parcel?" }] });
  other = await router.chat("quick", { messages: [{ role: "user", content: "hi" }] });
  await telemetry.flush();
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await telemetry?.shutdown();
  await sim?.close();
  await devtools?.close();
  if (dbDir) rmSync(dbDir, { recursive: true, force: true });
});

const row = (runId: string) => page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);

describe("devtools in a real browser", () => {
  it("the routed run retried, then fell back (precondition for what the UI must show)", () => {
    expect(retried.run.attempts.map((a) => `${a.model}:${a.kind}:${a.outcome}`)).toEqual([
      "flaky:call:error", "flaky:retry:error", "flaky:retry:error", "steady:fallback:success",
    ]);
  });

  it("lists the runs, filters them, and updates live", async () => {
    await page.goto(devtools.url);
    await row(retried.run.runId).waitFor({ timeout: 15_000 });
    await row(other.run.runId).waitFor();
    await page.screenshot({ path: join(artifacts, "runs-list.png") });

    await page.selectOption('[data-testid="filter-route"]', "support");
    await expect.poll(() => row(other.run.runId).count()).toBe(0);
    expect(await row(retried.run.runId).count()).toBe(1);
    await page.fill('[data-testid="filter-minLatencyMs"]', "600000");
    await expect.poll(() => page.locator('[data-testid="run-row"]').count()).toBe(0);
    await page.click('[data-testid="filter-clear"]');
    await row(other.run.runId).waitFor();

    // Live tail: a run made while the page is open appears without a reload.
    const fresh = await router.chat("quick", { messages: [{ role: "user", content: "live?" }] });
    await telemetry.flush();
    await row(fresh.run.runId).waitFor({ timeout: 10_000 });
  });

  it("shows the run's path on the route graph, the attempts and the waterfall", async () => {
    await page.goto(`${devtools.url}/#/runs/${encodeURIComponent(retried.run.runId)}`);
    await page.locator('[data-testid="route-graph"] .react-flow__node').first().waitFor({ timeout: 15_000 });
    const graph = router.graph("support");
    for (const node of graph.nodes) {
      const visited = retried.run.path.includes(node.id);
      expect(await page.locator(`[data-testid="graph-node-${node.id}"]`).getAttribute("data-visited"), node.id).toBe(String(visited));
    }
    const callNode = graph.nodes.find((n) => n.kind === "call");
    expect(callNode).toBeDefined();
    const callText = await page.locator(`[data-testid="graph-node-${callNode?.id ?? ""}"]`).innerText();
    expect(callText).toContain("flaky (3/3)");
    expect(callText).toContain("steady (1/3)");
    expect(await page.locator(".react-flow__edge.taken").count()).toBeGreaterThan(0);

    const attempts = page.locator('[data-testid="attempt-row"]');
    expect(await attempts.count()).toBe(4);
    expect(await attempts.evaluateAll((rows) => rows.map((r) => `${r.getAttribute("data-kind")}:${r.getAttribute("data-outcome")}`))).toEqual([
      "call:error", "retry:error", "retry:error", "fallback:success",
    ]);
    expect(await page.locator('[data-testid="run-model"]').innerText()).toBe("steady");

    const waterfall = page.locator('[data-testid="waterfall-row"]');
    const names = await waterfall.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-span-name") ?? ""));
    expect(names[0]).toBe("switchyard.route support");
    expect(names.filter((n) => n === "chat sim-flaky")).toHaveLength(3);
    expect(names.filter((n) => n === "chat sim-steady")).toHaveLength(1);

    // Critical path: the chain from the root down to the answer that ended the run is marked,
    // drawn as segments, and can be shown alone.
    const onPath = await waterfall.evaluateAll((rows) => rows.filter((r) => r.getAttribute("data-critical") === "true").map((r) => r.getAttribute("data-span-name") ?? ""));
    expect(onPath).toContain("switchyard.route support");
    expect(onPath).toContain("chat sim-steady");
    expect(await page.locator('[data-testid="critical-segment"]').count()).toBeGreaterThanOrEqual(onPath.filter((n) => n.startsWith("chat ")).length);
    await page.check('[data-testid="critical-only-toggle"]');
    await expect.poll(() => waterfall.count()).toBe(onPath.length);
    await page.uncheck('[data-testid="critical-only-toggle"]');
    await expect.poll(() => waterfall.count()).toBe(names.length);

    // Cost per model within the run: the rate-limited model spent nothing, the fallback everything.
    const steadyCost = page.locator('[data-testid="run-cost-by-model"][data-model="steady"]');
    expect(await steadyCost.innerText()).toBe(await page.locator('[data-testid="run-cost"]').innerText());
    expect(await page.locator('[data-testid="run-cost-by-model"][data-model="flaky"]').innerText()).toBe("–");

    // Captured content is one click away.
    await page.locator('[data-testid="attempt-content-toggle"]').last().click();
    expect(await page.locator('[data-testid="attempt-request"]').innerText()).toContain("Where is my parcel?");
    expect(await page.locator('[data-testid="attempt-response"]').innerText()).toContain("Happy to help.");
    await page.screenshot({ path: join(artifacts, "run-page.png"), fullPage: true });
  });

  it("compares two runs and shows the dashboard", async () => {
    await page.goto(`${devtools.url}/#/compare/${retried.run.runId}/${other.run.runId}`);
    await page.locator('[data-testid="compare"]').waitFor();
    expect(await page.locator('[data-testid="compare-route"]').getAttribute("class")).toContain("differs");
    await page.screenshot({ path: join(artifacts, "compare.png"), fullPage: true });

    await page.goto(`${devtools.url}/#/dashboard`);
    await page.locator('[data-testid="dashboard-by-model"] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid="dashboard-by-route"]').innerText()).toContain("support");
    // By model counts every attempt under its own model, not just the winner: flaky's three 429s are there.
    const flakyRow = page.locator('[data-testid="dashboard-by-model"] tr[data-key="flaky"]');
    await flakyRow.waitFor();
    expect(await flakyRow.locator("td").nth(1).innerText()).toBe("3");
    expect(await flakyRow.locator('[data-testid="group-cost"]').innerText()).toBe("$0");
    await page.screenshot({ path: join(artifacts, "dashboard.png"), fullPage: true });
  });
});
