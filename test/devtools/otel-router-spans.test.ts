import { createRouter, startTelemetry, type Telemetry } from "@switchyard/core";
import { startDevtools, type Devtools, type RunDetail, type SpanView } from "@switchyard/devtools";
import { createOpenAICompatible } from "@switchyard/providers";
import { startSimulator, type Simulator } from "@switchyard/providers/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The observer's spans for a real routed call (router + simulator over HTTP), as a
// collector receives them: OTLP/HTTP from startTelemetry into the devtools store.
let sim: Simulator;
let devtools: Devtools;
let telemetry: Telemetry;

beforeAll(async () => {
  devtools = await startDevtools({ port: 0, dbPath: ":memory:", ui: false });
  sim = await startSimulator({
    scripts: {
      "sim-down": { then: { status: 503 } },
      "sim-up": { then: { text: "secret-free answer", promptTokens: 9, completionTokens: 4 } },
    },
  });
  telemetry = startTelemetry({ serviceName: "spans-test", otlpEndpoint: devtools.url, registerGlobal: false, exportDelayMs: 20 });
});
afterAll(async () => {
  await telemetry?.shutdown();
  await sim?.close();
  await devtools?.close();
});

const attrs = (s: SpanView | undefined) => s?.attributes ?? {};

describe("otelObserver through a real routed call", () => {
  it("emits a root span, state spans and GenAI attempt spans with the run's numbers", async () => {
    const provider = createOpenAICompatible({ name: "simulator", baseURL: `${sim.url}/v1`, apiKey: "sk-test-never-logged" });
    const router = createRouter({
      models: { down: provider("sim-down"), up: provider("sim-up") },
      routes: { main: { models: ["down", "up"], retry: false } },
      observer: telemetry.observer,
    });
    const res = await router.chat("main", { messages: [{ role: "user", content: "hi" }], temperature: 0.3, maxTokens: 32 });
    await telemetry.flush();
    const detail = (await (await fetch(`${devtools.url}/api/runs/${res.run.runId}`)).json()) as RunDetail;

    const root = detail.spans.find((s) => s.name === "switchyard.route main");
    expect(attrs(root)).toMatchObject({
      "switchyard.route": "main", "switchyard.run_id": res.run.runId, "switchyard.model": "up", "switchyard.attempts": 2,
      "gen_ai.usage.input_tokens": 9, "gen_ai.usage.output_tokens": 4, "switchyard.path": [...res.run.path],
      "switchyard.graph.hash": router.graph("main").hash,
    });
    expect(detail.graph?.hash).toBe(router.graph("main").hash);
    // Every state but the final one is a span; the final state (an instant) is an event on the root.
    expect(res.run.path.at(-1)).toBe("done");
    expect(detail.spans.filter((s) => s.name.startsWith("switchyard.state ")).map((s) => s.attributes["switchyard.state"])).toEqual(res.run.path.slice(0, -1));
    expect(root?.events.filter((e) => e.name === "switchyard.state").map((e) => e.attributes["switchyard.state"])).toEqual(["done"]);

    const down = detail.spans.find((s) => s.name === "chat sim-down");
    const up = detail.spans.find((s) => s.name === "chat sim-up");
    expect(down?.kind).toBe(3); // CLIENT
    expect(down?.statusCode).toBe(2);
    expect(attrs(down)).toMatchObject({ "gen_ai.operation.name": "chat", "gen_ai.request.model": "sim-down", "error.type": "Overloaded", "switchyard.attempt.outcome": "error" });
    expect(attrs(up)).toMatchObject({
      "gen_ai.request.model": "sim-up", "gen_ai.request.temperature": 0.3, "gen_ai.request.max_tokens": 32, "gen_ai.response.finish_reasons": ["stop"],
      "switchyard.attempt.kind": "fallback", "switchyard.attempt.index": 2, "gen_ai.usage.output_tokens": 4,
    });
    expect(attrs(up)["gen_ai.input.messages"]).toBeUndefined(); // content is opt-in
    expect(JSON.stringify(detail)).not.toContain("sk-test-never-logged");
  });
});
