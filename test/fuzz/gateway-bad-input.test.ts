import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rssKiB } from "../chaos/harness/process-stats.js";
import { contractViolation } from "./harness/error-shape.js";
import { FUZZ_ADMIN_KEY, FUZZ_KEY, startFuzzTarget, type FuzzTarget } from "./harness/fuzz-gateway.js";
import { brokenJsonText, deepNesting, fieldAttacks, invalidUtf8, wrongShapeJson, type HostileBody } from "./harness/hostile-requests.js";
import { HangError, rawRequest, type RawRequest, type RawResponse } from "./harness/raw-http.js";

/**
 * Bad input against the real gateway process: fast-check throws malformed, oversized,
 * deeply nested, wrong-typed and hostile bodies at every POST endpoint, and hostile paths,
 * methods and headers at every endpoint. Every answer must come within the timeout, never
 * be a 5xx, and every error must be a JSON body in the endpoint's wire format.
 */
const RUNS = Number(process.env["FUZZ_RUNS"] ?? 250);
const SEED = Number(process.env["FUZZ_SEED"] ?? 8_2026);

interface Endpoint {
  readonly path: string;
  readonly auth: string;
  readonly bodies: fc.Arbitrary<HostileBody>;
}

const chatBase = { model: "main", messages: [{ role: "user", content: "hi" }] };
const chatRich = {
  model: "plain",
  messages: [{ role: "user", content: "hi" }],
  tools: [{ type: "function", function: { name: "f", parameters: { type: "object", properties: {} } } }],
  response_format: { type: "json_schema", json_schema: { name: "s", schema: { type: "object", properties: {} } } },
};
const messagesBase = { model: "main", max_tokens: 16, messages: [{ role: "user", content: "hi" }] };
const messagesRich = {
  model: "plain",
  max_tokens: 16,
  tools: [{ name: "f", input_schema: { type: "object", properties: {} } }],
  messages: [
    { role: "user", content: "hi" },
    { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "f", input: {} }] },
    { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "ok" }] },
  ],
};
const common = fc.oneof(brokenJsonText, wrongShapeJson, invalidUtf8);

const ENDPOINTS: ReadonlyArray<Endpoint> = [
  {
    path: "/v1/chat/completions",
    auth: `authorization: Bearer ${FUZZ_KEY}`,
    bodies: fc.oneof(
      common,
      fieldAttacks(chatBase, { required: ["model", "messages"], numeric: ["temperature", "top_p", "max_tokens", "seed", "n"], role: "messages.0.role" }),
      deepNesting(chatBase, ["metadata", "messages.0.content"]),
      deepNesting(chatRich, ["tools.0.function.parameters.properties", "response_format.json_schema.schema.properties"]),
      deepNesting({ ...chatRich, model: "main" }, ["tools.0.function.parameters.properties"]),
    ),
  },
  {
    path: "/v1/messages",
    auth: `x-api-key: ${FUZZ_KEY}`,
    bodies: fc.oneof(
      common,
      fieldAttacks(messagesBase, { required: ["model", "messages", "max_tokens"], numeric: ["max_tokens", "temperature", "top_k"], role: "messages.0.role" }),
      deepNesting(messagesRich, ["tools.0.input_schema.properties", "messages.1.content.0.input"]),
      deepNesting({ ...messagesRich, model: "main" }, ["messages.1.content.0.input"]),
    ),
  },
  {
    path: "/v1/embeddings",
    auth: `authorization: Bearer ${FUZZ_KEY}`,
    bodies: fc.oneof(common, fieldAttacks({ model: "small", input: "hello" }, { required: ["model", "input"], numeric: ["dimensions"] }), deepNesting({ model: "small", input: "hello" }, ["input"])),
  },
  {
    path: "/admin/keys",
    auth: `authorization: Bearer ${FUZZ_ADMIN_KEY}`,
    bodies: fc.oneof(
      common,
      fieldAttacks({ name: "fuzz-made" }, { required: ["name"], numeric: ["rpm", "tpm", "budget.dailyUsd"] }),
      deepNesting({ name: "fuzz-made" }, ["routes", "budget"]),
    ),
  },
];

const CONTENT_TYPES = ["content-type: application/json", "content-type: text/plain", "content-type: multipart/form-data; boundary=x", "content-type: application/json; charset=latin1", "content-type: application/x-www-form-urlencoded"];

/** A request's answer, or the hang as a violation to report (not an exception that stops the run). */
const send = async (req: RawRequest): Promise<RawResponse | string> => {
  try {
    return await rawRequest(t.port, req);
  } catch (e) {
    if (e instanceof HangError) return `hang: ${e.message}`;
    throw e;
  }
};

let t: FuzzTarget;
let rssStart = 0;
const seen = { requests: 0, byStatus: new Map<number, number>(), byLabel: new Map<string, number>() };
const count = (status: number, label: string): void => {
  seen.requests++;
  seen.byStatus.set(status, (seen.byStatus.get(status) ?? 0) + 1);
  const kind = label.split(/[:-]\d|:/)[0] ?? label;
  seen.byLabel.set(kind, (seen.byLabel.get(kind) ?? 0) + 1);
};

beforeAll(async () => {
  t = await startFuzzTarget();
  // Warm up (JIT, pools) before the baseline, so the memory bound measures growth, not start-up.
  for (let i = 0; i < 20; i++) {
    await rawRequest(t.port, { method: "POST", path: "/v1/chat/completions", headers: [`authorization: Bearer ${FUZZ_KEY}`], body: JSON.stringify({ ...chatBase, messages: [{ role: "user", content: `warm ${i}` }] }) });
  }
  rssStart = rssKiB(t.gw.pid);
});

afterAll(async () => {
  await t?.close();
});

describe("bad input: the gateway answers every hostile request with a 4xx in its wire format", () => {
  it("malformed, oversized, deeply nested, wrong-typed and hostile bodies at every POST endpoint", { timeout: 150_000 }, async () => {
    const violations: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENDPOINTS).chain((e) => fc.tuple(fc.constant(e), e.bodies, fc.constantFrom(...CONTENT_TYPES))), async ([endpoint, hostile, contentType]) => {
        const res = await send({ method: "POST", path: endpoint.path, headers: [endpoint.auth, contentType], body: hostile.body });
        count(typeof res === "string" ? -1 : res.status, hostile.label);
        const v = typeof res === "string" ? res : contractViolation(res, endpoint.path, { mustReject: hostile.mustReject });
        if (v !== undefined) violations.push(`${endpoint.path} [${hostile.label}]: ${v}`);
        // Keep going (no shrinking): the list below names every violating input of the run.
        return true;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`[fuzz] bodies: requests=${seen.requests} statuses=${JSON.stringify(Object.fromEntries(seen.byStatus))} kinds=${JSON.stringify(Object.fromEntries(seen.byLabel))} violations=${violations.length}`);
    expect([...new Set(violations)]).toEqual([]);
    expect(t.gw.alive()).toBe(true);
  });

  it("hostile paths, methods and headers at every endpoint and the admin API", { timeout: 90_000 }, async () => {
    const paths = ["/v1/chat/completions", "/v1/messages", "/v1/embeddings", "/v1/models", "/v1/models/main", "/v1/models/nope", "/health", "/ready", "/admin/keys", "/admin/keys/cfg_fuzz", "/admin/keys/cfg_fuzz/spend", "/admin/keys/x/y/z", "/v1/models/..%2F..%2Fetc%2Fpasswd", "/v1/chat/completions?x=%ZZ&model=main", "//v1/models", "/v1/models/%00", "/admin/keys/%2e%2e"];
    const authHeaders = ["", `authorization: Bearer ${FUZZ_KEY}`, `authorization: Bearer ${FUZZ_ADMIN_KEY}`, "authorization: Bearer", "authorization: Basic Zm9vOmJhcg==", `authorization: Bearer ${"k".repeat(8_000)}`, "x-api-key: \u00e9\u00e8", `x-api-key: ${FUZZ_KEY}`, `authorization: bearer ${FUZZ_KEY}`];
    const extraHeaders = ["", `x-request-id: ${"r".repeat(5_000)}`, "x-request-id: ../../etc", "x-switchyard-cache: \u00ff", "cache-control: no-store", "content-type: application/json"];
    const violations: string[] = [];
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE"),
        fc.oneof(fc.constantFrom(...paths), fc.webPath({ size: "small" }).map((p) => (p.startsWith("/") ? p : `/${p}`))),
        fc.constantFrom(...authHeaders),
        fc.constantFrom(...extraHeaders),
        fc.oneof(fc.constant(undefined), fc.constant("{}"), fc.constant('{"name":"probe"}'), fc.string({ maxLength: 50 })),
        async (method, path, auth, extra, body) => {
          const res = await send({ method, path, headers: [auth, extra].filter((h) => h !== ""), ...(body === undefined ? {} : { body }) });
          requests++;
          // HEAD answers carry no body by definition; judge their status only.
          const v =
            typeof res === "string" ? res : method === "HEAD" ? (res.status === 0 || res.status >= 500 ? `status ${res.status}` : undefined) : contractViolation(res, path);
          if (v !== undefined) violations.push(`${method} ${path.slice(0, 80)} [${auth.slice(0, 30)}|${extra.slice(0, 30)}]: ${v}`);
          return true;
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`[fuzz] paths/methods/headers: requests=${requests} violations=${violations.length}`);
    expect([...new Set(violations)]).toEqual([]);
    expect(t.gw.alive()).toBe(true);
  });

  it("protocol-level garbage (huge or invalid headers, bad framing) is refused with a 4xx and the process lives on", async () => {
    const cases: ReadonlyArray<{ label: string; req: RawRequest; status: number }> = [
      { label: "header block over 16 KiB", req: { method: "GET", path: "/v1/models", headers: [`x-big: ${"a".repeat(20_000)}`] }, status: 431 },
      { label: "10 000 headers", req: { method: "GET", path: "/health", headers: Array.from({ length: 10_000 }, (_, i) => `x-h${i}: 1`) }, status: 431 },
      { label: "control character in a header value", req: { method: "GET", path: "/health", headers: ["x-evil: a\u0001b"] }, status: 400 },
      { label: "space in a header name", req: { method: "GET", path: "/health", headers: ["bad name: 1"] }, status: 400 },
      { label: "garbage request line", req: { method: "\u0000\u0001GARBAGE", path: "/", headers: [] }, status: 400 },
      { label: "bad chunk size", req: { method: "POST", path: "/v1/chat/completions", headers: [`authorization: Bearer ${FUZZ_KEY}`, "transfer-encoding: chunked"], body: "zz\r\n{}\r\n0\r\n\r\n", noContentLength: true }, status: 400 },
      { label: "content-length and transfer-encoding together", req: { method: "POST", path: "/v1/chat/completions", headers: [`authorization: Bearer ${FUZZ_KEY}`, "transfer-encoding: chunked"], body: "2\r\n{}\r\n0\r\n\r\n" }, status: 400 },
      { label: "non-numeric content-length", req: { method: "POST", path: "/v1/chat/completions", headers: [`authorization: Bearer ${FUZZ_KEY}`, "content-length: abc"], body: "{}", noContentLength: true }, status: 400 },
    ];
    const results: string[] = [];
    for (const c of cases) {
      const res = await send(c.req);
      results.push(`${c.label}: ${typeof res === "string" ? res : res.status}`);
      expect(typeof res === "string" ? res : res.status, c.label).toBe(c.status);
      // Node's parser would answer these with an empty body: the gateway sends OpenAI's error shape.
      if (typeof res !== "string") expect(contractViolation(res, c.req.path, { mustReject: true }), c.label).toBeUndefined();
    }
    console.log(`[fuzz] protocol-level: ${results.join("; ")}`);
    const health = await send({ method: "GET", path: "/health" });
    expect(typeof health === "string" ? health : health.status).toBe(200);
  });

  it("prototype-pollution keys change nothing: auth is still enforced and answers are unchanged", async () => {
    const polluted = '{"__proto__":{"authEnabled":false,"routes":["*"],"admin":true},"constructor":{"prototype":{"authEnabled":false}},"model":"main","messages":[{"role":"user","content":"pollute"}]}';
    const first = await rawRequest(t.port, { method: "POST", path: "/v1/chat/completions", headers: [`authorization: Bearer ${FUZZ_KEY}`], body: polluted });
    expect(first.status).toBeLessThan(500);
    const noKey = await rawRequest(t.port, { method: "POST", path: "/v1/chat/completions", body: JSON.stringify(chatBase) });
    expect(noKey.status).toBe(401);
    const admin = await rawRequest(t.port, { method: "POST", path: "/admin/keys", headers: [`authorization: Bearer ${FUZZ_KEY}`], body: '{"__proto__":{"admin":true},"name":"x"}' });
    expect(admin.status).toBe(401);
  });

  it("memory stays bounded after the fuzzing (RSS from /proc)", () => {
    const rssEnd = rssKiB(t.gw.pid);
    console.log(`[fuzz] gateway RSS: start=${Math.round(rssStart / 1024)} MiB end=${Math.round(rssEnd / 1024)} MiB growth=${Math.round((rssEnd - rssStart) / 1024)} MiB`);
    // Multi-MB bodies are part of the run; a leak of them would grow far past this bound.
    expect(rssEnd - rssStart).toBeLessThan(160 * 1024);
  });
});
