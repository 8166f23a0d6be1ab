import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "@switchyard/providers/testing";
import { faultSteps } from "./harness/fault-plan.js";
import { spawnGateway, type GatewayProcess } from "./harness/gateway-process.js";
import { runPool } from "./harness/run-pool.js";
import { auditByPrompt, faultCounts } from "./harness/sim-log-audit.js";

/**
 * Chaos through the real gateway process with the official `openai` client: three upstream
 * models fail 30% of their calls (500, 429 + Retry-After, hangs, connection resets, invalid
 * JSON; seeded), a fourth is healthy. Every client request must succeed exactly once, with
 * the exact text its prompt asks for, and the attempts the gateway reports must be the
 * calls the upstream log saw.
 */
const SEED = Number(process.env["CHAOS_SEED"] ?? 20_260_701);
const REQUESTS = Number(process.env["CHAOS_REQUESTS"] ?? 200);
const CONCURRENCY = 8;
const FAULT_RATE = 0.3;
const FLAKY = ["flaky-a", "flaky-b", "flaky-c"] as const;

const expectedText = (prompt: string): string => `This is a simulated answer from the Switchyard upstream simulator to: ${prompt.slice(0, 80)}`;

interface ClientResult {
  readonly prompt: string;
  readonly stream: boolean;
  readonly text: string;
  readonly attempts: number;
  readonly model: string | null;
  readonly finishes: number;
  readonly responseId: string;
}

let sim: Simulator;
let gw: GatewayProcess;

beforeAll(async () => {
  sim = await startSimulator({
    scripts: Object.fromEntries([
      ...FLAKY.map((m, i) => [m, { steps: faultSteps(SEED + i, REQUESTS * 4, FAULT_RATE), then: {} }] as const),
      ["healthy", { then: {} }] as const,
    ]),
  });
  const baseURL = `${sim.url}/v1`;
  gw = await spawnGateway({
    config: {
      models: Object.fromEntries([...FLAKY, "healthy", "cutter"].map((m) => [m, { provider: "simulator", model: m, baseURL }])),
      routes: {
        chaos: {
          models: [...FLAKY, "healthy"],
          retry: { maxRetries: 1, initialDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 1_500 },
          timeout: { attemptMs: 1_000 },
        },
        cut: { models: ["cutter", "healthy"], retry: false },
      },
    },
  });
});

afterAll(async () => {
  await gw?.stop();
  await sim?.close();
});

const sendOne = async (client: OpenAI, i: number): Promise<ClientResult> => {
  const prompt = `chaos #${i} seed ${SEED}`;
  const messages = [{ role: "user" as const, content: prompt }];
  if (i % 2 === 0) {
    const { data, response } = await client.chat.completions.create({ model: "chaos", messages }).withResponse();
    return {
      prompt,
      stream: false,
      text: data.choices[0]?.message.content ?? "",
      attempts: Number(response.headers.get("x-switchyard-attempts")),
      model: response.headers.get("x-switchyard-model"),
      finishes: data.choices[0]?.finish_reason === "stop" ? 1 : 0,
      responseId: data.id,
    };
  }
  const { data: stream, response } = await client.chat.completions.create({ model: "chaos", messages, stream: true }).withResponse();
  let text = "";
  let finishes = 0;
  let responseId = "";
  for await (const chunk of stream) {
    responseId = chunk.id;
    text += chunk.choices[0]?.delta.content ?? "";
    if (chunk.choices[0]?.finish_reason) finishes++;
  }
  return { prompt, stream: true, text, attempts: Number(response.headers.get("x-switchyard-attempts")), model: response.headers.get("x-switchyard-model"), finishes, responseId };
};

describe("chaos: 30% mixed upstream faults through the gateway process", () => {
  it(`answers all ${REQUESTS} requests (half streaming) exactly once, with attempts matching the upstream log`, { timeout: 90_000 }, async () => {
    const client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: "sk-chaos-unused", maxRetries: 0, timeout: 20_000 });
    const started = Date.now();
    const results = await runPool(REQUESTS, CONCURRENCY, (i) => sendOne(client, i));
    await sim.settled();

    const audit = auditByPrompt(sim.log);
    const failures: string[] = [];
    const duplicates: string[] = [];
    const attemptMismatches: string[] = [];
    results.forEach((r, i) => {
      if (r.status === "rejected") {
        failures.push(`#${i}: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`);
        return;
      }
      const v = r.value;
      const upstream = audit.get(v.prompt);
      if (v.text !== expectedText(v.prompt)) duplicates.push(`#${i}${v.stream ? " (stream)" : ""}: got ${JSON.stringify(v.text)}`);
      if (v.finishes !== 1) duplicates.push(`#${i}: ${v.finishes} finish chunks`);
      if ((upstream?.answered ?? 0) !== 1) duplicates.push(`#${i}: answered ${upstream?.answered ?? 0} times upstream: ${JSON.stringify(upstream?.calls.map((c) => [c.model, c.outcome, c.aborted, c.durationMs]))}`);
      if (upstream?.calls.length !== v.attempts) attemptMismatches.push(`#${i}: header says ${v.attempts}, upstream saw ${upstream?.calls.length ?? 0}`);
      // The answer came from the model the gateway names, on its last upstream call.
      if (upstream !== undefined && upstream.calls.at(-1)?.model !== v.model) attemptMismatches.push(`#${i}: header model ${v.model}, last upstream call to ${upstream.calls.at(-1)?.model}`);
    });
    const ids = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.responseId] : []));
    const faults = faultCounts(sim.log);
    const faultTotal = Object.values(faults).reduce((a, b) => a + b, 0);
    const upstreamCalls = sim.log.filter((e) => e.path.endsWith("/chat/completions")).length;
    console.log(
      `[chaos] seed=${SEED} requests=${REQUESTS} (streaming ${REQUESTS >> 1}) upstreamCalls=${upstreamCalls} faults=${faultTotal} ${JSON.stringify(faults)} ` +
        `failures=${failures.length} duplicates=${duplicates.length} attemptMismatches=${attemptMismatches.length} in ${Date.now() - started} ms`,
    );

    expect(failures).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(attemptMismatches).toEqual([]);
    expect(new Set(ids).size).toBe(REQUESTS);
    // The plan really injected every kind of fault, at roughly the configured rate.
    for (const kind of ["http-500", "http-429", "hang", "reset", "invalid-json"]) expect(faults[kind] ?? 0).toBeGreaterThan(0);
    expect(faultTotal).toBeGreaterThan(REQUESTS * 0.15);
    expect(gw.alive()).toBe(true);
  });

  it("a stream cut after tokens reached the client ends with an error, without fallback or doubled tokens", { timeout: 30_000 }, async () => {
    // Resets in the plan above happen before the first token; here one happens after three.
    sim.setScript("cutter", { then: { text: "alpha beta gamma delta epsilon", cutAfterChunks: 3 } });
    const client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: "sk-chaos-unused", maxRetries: 0, timeout: 20_000 });
    const prompt = `chaos mid-stream cut ${SEED}`;
    const stream = await client.chat.completions.create({ model: "cut", messages: [{ role: "user", content: prompt }], stream: true });
    let text = "";
    let error: unknown;
    try {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    } catch (e) {
      error = e;
    }
    await sim.settled();
    const calls = auditByPrompt(sim.log).get(prompt)?.calls ?? [];
    console.log(`[chaos] mid-stream cut: text=${JSON.stringify(text)} error=${error instanceof Error ? error.message : String(error)} upstreamCalls=${calls.length}`);
    expect(error).toBeInstanceOf(Error);
    // Exactly the tokens sent before the cut, once each; the healthy model was never asked.
    expect(text).toBe("alpha beta");
    expect(calls.map((c) => c.model)).toEqual(["cutter"]);
  });
});
