import { readdirSync, readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevtools, type Devtools } from "@switchyard/devtools";
import { startSimulator, type Simulator } from "@switchyard/providers/testing";
import { spawnGateway, type GatewayProcess } from "../chaos/harness/gateway-process.js";

/**
 * Secrets never leak: a gateway process (with OTLP export to a real devtools) holds a known
 * upstream key and known virtual keys; requests that succeed and fail in every way are
 * driven through it; then its stdout/stderr, every HTTP answer, the devtools API and the
 * devtools' SQLite files are searched for every secret. Also: keys are scoped to routes.
 */
const UPSTREAM_KEY = "sk-upstream-SECRET123";
const WRONG_UPSTREAM_KEY = "sk-upstream-WRONG-SECRET456";
const KEY_A = "sk-sy-teamA-SECRET-0123456789abcdef";
const KEY_B = "sk-sy-teamB-SECRET-0123456789abcdef";
const ADMIN_KEY = "sk-sy-admin-SECRET-0123456789abcdef";
const PRESENTED_WRONG_KEY = "sk-sy-presented-WRONG-SECRET-9876543210";

let sim: Simulator;
let devtools: Devtools;
let gw: GatewayProcess;
let dbDir: string;
/** Every byte the gateway sent back to clients, for the leak search. */
const answers: string[] = [];
/** Plaintext of the key the admin API created (returned once; must appear nowhere else). */
let adminMadeKey = "";

const record = async (res: Response): Promise<Response> => {
  const headers: string[] = [];
  res.headers.forEach((v, k) => headers.push(`${k}: ${v}`));
  answers.push(`${res.status} ${headers.join("; ")} ${await res.clone().text()}`);
  return res;
};
const post = (path: string, key: string | undefined, body: unknown, extraHeaders: Record<string, string> = {}): Promise<Response> =>
  fetch(`${gw.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key === undefined ? {} : { authorization: `Bearer ${key}` }), ...extraHeaders },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  }).then(record);
const chat = (key: string | undefined, model: string, content = "hello") => post("/v1/chat/completions", key, { model, messages: [{ role: "user", content }] });

beforeAll(async () => {
  // The upstream demands the real key, so a wrong one produces a real 401 from upstream.
  sim = await startSimulator({ apiKey: UPSTREAM_KEY });
  dbDir = mkdtempSync(join(tmpdir(), "sy-devtools-"));
  devtools = await startDevtools({ port: 0, dbPath: join(dbDir, "devtools.db"), ui: false });
  const baseURL = `${sim.url}/v1`;
  gw = await spawnGateway({
    entry: fileURLToPath(new URL("./harness/traced-gateway.ts", import.meta.url)),
    env: { SY_OTLP_ENDPOINT: devtools.url, SY_UPSTREAM_KEY: UPSTREAM_KEY, SY_WRONG_UPSTREAM_KEY: WRONG_UPSTREAM_KEY, SY_KEY_A: KEY_A, SY_KEY_B: KEY_B, SY_ADMIN_KEY: ADMIN_KEY },
    config: {
      models: {
        up: { provider: "simulator", model: "secure-model", baseURL, apiKey: "env:SY_UPSTREAM_KEY" },
        failing: { provider: "simulator", model: "sim-fail-500", baseURL, apiKey: "env:SY_UPSTREAM_KEY" },
        wrongkey: { provider: "simulator", model: "secure-model", baseURL, apiKey: "env:SY_WRONG_UPSTREAM_KEY" },
      },
      routes: { a: { models: ["up"] }, b: { models: ["up"] }, broken: { models: ["failing"], retry: false }, misconfigured: { models: ["wrongkey"], retry: false } },
      keys: [
        { name: "team-a", key: "env:SY_KEY_A", routes: ["a", "broken", "misconfigured"] },
        { name: "team-b", key: "env:SY_KEY_B", routes: ["b"] },
      ],
      admin: { key: "env:SY_ADMIN_KEY" },
    },
  });
});

afterAll(async () => {
  await gw?.stop();
  await devtools?.close();
  await sim?.close();
  if (dbDir !== undefined) rmSync(dbDir, { recursive: true, force: true });
});

describe("keys are scoped to routes", () => {
  it("a key for route A gets 403 on route B (both ways), 401 without or with a wrong key", async () => {
    expect((await chat(KEY_A, "a")).status).toBe(200);
    expect((await chat(KEY_B, "b")).status).toBe(200);
    const aOnB = await chat(KEY_A, "b");
    expect(aOnB.status).toBe(403);
    expect(await aOnB.json()).toMatchObject({ error: { type: "permission_error" } });
    expect((await chat(KEY_B, "a")).status).toBe(403);
    // Implicit one-model routes are routes too: team-b may not reach `up` by its model name.
    expect((await chat(KEY_B, "up")).status).toBe(403);
    expect((await chat(undefined, "a")).status).toBe(401);
    expect((await chat(PRESENTED_WRONG_KEY, "a")).status).toBe(401);
    const models = (await (await fetch(`${gw.url}/v1/models`, { headers: { authorization: `Bearer ${KEY_B}` } }).then(record)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((m) => m.id)).toEqual(["b"]);
  });

  it("an admin-created key is scoped too, and is shown in plaintext exactly once", async () => {
    // Not recorded in `answers`: this is the one answer meant to carry the new key.
    const created = await fetch(`${gw.url}/admin/keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "scoped", routes: ["b"] }),
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; key: string; hash?: string };
    adminMadeKey = body.key;
    expect(body.hash).toBeUndefined();
    expect((await chat(adminMadeKey, "b")).status).toBe(200);
    expect((await chat(adminMadeKey, "a")).status).toBe(403);
    const list = await fetch(`${gw.url}/admin/keys`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } }).then(record);
    const listed = await list.text();
    expect(listed).toContain(body.id);
    expect(listed).not.toContain(adminMadeKey);
    // The admin API refuses client keys.
    expect((await post("/admin/keys", KEY_A, { name: "sneaky" })).status).toBe(401);
  });
});

describe("upstream and gateway keys never appear in logs, traces, errors or the devtools", () => {
  it("drives successes and failures of every kind, then finds zero secrets anywhere", { timeout: 60_000 }, async () => {
    const client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: KEY_A, maxRetries: 0, timeout: 15_000 });
    // Success, JSON and streamed, with a key-shaped string in the prompt the client chose to send.
    await client.chat.completions.create({ model: "a", messages: [{ role: "user", content: "plain question" }] });
    for await (const _ of await client.chat.completions.create({ model: "a", stream: true, messages: [{ role: "user", content: "streamed question" }] })) {
      // drain
    }
    // Upstream failures: 500s, and the upstream refusing the (wrong) configured key.
    expect((await chat(KEY_A, "broken")).status).toBeGreaterThanOrEqual(500);
    const refused = await chat(KEY_A, "misconfigured");
    expect(refused.status).toBeGreaterThanOrEqual(400);
    // Client mistakes: bad JSON, wrong scope, wrong key, key in odd headers, unknown model.
    answers.push(await fetch(`${gw.url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${KEY_A}` }, body: "{not json" }).then((r) => r.text()));
    await chat(KEY_A, "b");
    await chat(PRESENTED_WRONG_KEY, "a");
    await post("/v1/messages", undefined, { model: "a", max_tokens: 5, messages: [{ role: "user", content: "hi" }] }, { "x-api-key": PRESENTED_WRONG_KEY });
    await chat(KEY_A, "does-not-exist");
    await post("/admin/keys", PRESENTED_WRONG_KEY, { name: "x" });

    // Stop the gateway: it drains and flushes its spans to the devtools before exiting.
    expect(await gw.stop(15_000)).toBe(0);
    const runs = (await (await fetch(`${devtools.url}/api/runs?limit=100`)).json()) as { runs?: Array<{ id?: string; runId?: string }> } | Array<{ id?: string; runId?: string }>;
    const runList = Array.isArray(runs) ? runs : (runs.runs ?? []);
    const details = await Promise.all(runList.map(async (r) => (await fetch(`${devtools.url}/api/runs/${encodeURIComponent(r.runId ?? r.id ?? "")}`)).text()));
    const dbFiles = readdirSync(dbDir).map((f) => readFileSync(join(dbDir, f)).toString("latin1"));

    const sources: Record<string, string> = {
      "gateway stdout": gw.stdout(),
      "gateway stderr": gw.stderr(),
      "HTTP answers": answers.join("\n"),
      "devtools API": JSON.stringify(runs) + details.join("\n"),
      "devtools SQLite files": dbFiles.join("\n"),
      "simulator log (as printed)": JSON.stringify(sim.log.map((e) => e.headers)),
    };
    const secrets = { UPSTREAM_KEY, WRONG_UPSTREAM_KEY, KEY_A, KEY_B, ADMIN_KEY, PRESENTED_WRONG_KEY, adminMadeKey };
    const hits: string[] = [];
    for (const [where, text] of Object.entries(sources)) {
      for (const [name, secret] of Object.entries(secrets)) {
        // Also the distinctive middle of each secret: a prefix-masked key would still leak it.
        for (const needle of [secret, secret.slice(6, -4)]) if (needle.length > 8 && text.includes(needle)) hits.push(`${name} in ${where}`);
      }
    }
    const sizes = Object.fromEntries(Object.entries(sources).map(([k, v]) => [k, v.length]));
    console.log(`[security] searched ${JSON.stringify(sizes)} chars for ${Object.keys(secrets).length} secrets; runs in devtools=${runList.length}; hits=${hits.length}`);
    // Non-vacuous: the places searched really hold the traffic.
    expect(runList.length).toBeGreaterThanOrEqual(4);
    expect(dbFiles.join("").length).toBeGreaterThan(0);
    expect(gw.stderr().length + gw.stdout().length).toBeGreaterThan(0);
    expect(JSON.stringify(sim.log.map((e) => e.headers))).toContain("authorization");
    expect([...new Set(hits)]).toEqual([]);
  });
});
