import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseSse } from "../../kit/parse-sse.js";
import { startSimulator, type Simulator } from "./start-simulator.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scripts: { flaky: { steps: [{ status: 503 }], then: { text: "recovered" } } } });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const chat = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  fetch(`${sim.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ messages: [{ role: "user", content: "Hi" }], ...body }),
  });

describe("upstream simulator", () => {
  it("identifies itself as a simulator", async () => {
    const res = await chat({ model: "gpt-4o" });
    expect(res.headers.get("x-switchyard-simulator")).toBe("1");
    const json = (await res.json()) as { system_fingerprint: string; object: string; choices: unknown[] };
    expect(json).toMatchObject({ object: "chat.completion", system_fingerprint: "switchyard-simulator" });
    const models = (await (await fetch(`${sim.url}/v1/models`)).json()) as { data: Array<{ id: string; owned_by: string }> };
    expect(models.data.every((m) => m.owned_by === "switchyard-simulator")).toBe(true);
    expect(models.data.map((m) => m.id)).toContain("flaky");
  });

  it("answers bad input with OpenAI-style 4xx bodies", async () => {
    const notJson = await fetch(`${sim.url}/v1/chat/completions`, { method: "POST", body: "{nope" });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { type: "invalid_request_error" } });
    const noMessages = await fetch(`${sim.url}/v1/chat/completions`, { method: "POST", body: JSON.stringify({ model: "m" }) });
    expect(noMessages.status).toBe(400);
    expect(((await noMessages.json()) as { error: { param: string } }).error.param).toBe("messages");
    expect((await fetch(`${sim.url}/v2/nothing`)).status).toBe(404);
    const badHeader = await chat({ model: "m" }, { "x-sim-script": "{not json" });
    expect(badHeader.status).toBe(400);
  });

  it("consumes script steps per request, then the default", async () => {
    expect((await chat({ model: "flaky" })).status).toBe(503);
    const ok = (await (await chat({ model: "flaky" })).json()) as { choices: Array<{ message: { content: string } }> };
    expect(ok.choices[0]?.message.content).toBe("recovered");
    expect(sim.log.map((e) => [e.model, e.status, e.outcome])).toEqual([
      ["flaky", 503, "error"],
      ["flaky", 200, "ok"],
    ]);
  });

  it("lets another process drive it with an x-sim-script header", async () => {
    const header = { "x-sim-script": JSON.stringify([{ status: 429, retryAfter: 2 }, { status: 429 }]) };
    const first = await chat({ model: "any" }, header);
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("2");
    expect((await chat({ model: "any" }, header)).status).toBe(429);
    expect((await chat({ model: "any" }, header)).status).toBe(200);
  });

  it("applies latency and time-to-first-token", async () => {
    let t = Date.now();
    await (await chat({ model: "sim-latency-150" })).json();
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    sim.setScript("ttft", { ttftMs: 400, text: "a b" });
    t = Date.now();
    const res = await chat({ model: "ttft", stream: true });
    const headersAt = Date.now() - t;
    const iterator = parseSse(res.body!)[Symbol.asyncIterator]();
    await iterator.next();
    const firstChunkAt = Date.now() - t;
    // Headers go out at once; the first chunk waits for the TTFT (slack for a loaded CI machine).
    expect(firstChunkAt).toBeGreaterThanOrEqual(390);
    expect(firstChunkAt - headersAt).toBeGreaterThanOrEqual(200);
    for (let r = await iterator.next(); !r.done; r = await iterator.next());
  });

  it("streams OpenAI chunks with usage only when asked", async () => {
    const read = async (includeUsage: boolean) => {
      const res = await chat({ model: "m", stream: true, ...(includeUsage ? { stream_options: { include_usage: true } } : {}) });
      expect(res.headers.get("content-type")).toContain("text/event-stream");
      const data: string[] = [];
      for await (const m of parseSse(res.body!)) data.push(m.data);
      return data;
    };
    const withUsage = await read(true);
    expect(withUsage.at(-1)).toBe("[DONE]");
    expect(JSON.parse(withUsage.at(-2)!)).toMatchObject({ choices: [], usage: { prompt_tokens: expect.any(Number) } });
    const without = await read(false);
    expect(without.slice(0, -1).every((d) => !("usage" in (JSON.parse(d) as object)))).toBe(true);
  });

  it("cuts streams mid-way and logs client aborts", async () => {
    const res = await chat({ model: "sim-cut-2", stream: true });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const m of parseSse(res.body!)) seen.push(m.data);
      })(),
    ).rejects.toThrow();
    expect(seen.length).toBe(2);
    const controller = new AbortController();
    const hung = fetch(`${sim.url}/v1/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "sim-hang", messages: [{ role: "user", content: "x" }] }),
      signal: controller.signal,
    }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    await hung;
    await sim.settled();
    expect(sim.log.find((e) => e.model === "sim-hang")).toMatchObject({ outcome: "hang", aborted: true });
    expect(sim.log.find((e) => e.model === "sim-cut-2")).toMatchObject({ outcome: "cut", aborted: false, chunksSent: 2 });
  });

  it("serves embeddings", async () => {
    const res = await fetch(`${sim.url}/v1/embeddings`, { method: "POST", body: JSON.stringify({ model: "e", input: "hello", dimensions: 3 }) });
    const json = (await res.json()) as { data: Array<{ embedding: number[] }> };
    expect(json.data[0]?.embedding).toHaveLength(3);
  });

  it("runs as a CLI that says it is a simulator", async () => {
    const main = fileURLToPath(new URL("./main.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", main, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 15_000);
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          if (out.includes("\n")) {
            clearTimeout(timer);
            resolve(out.trim());
          }
        });
        child.once("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      expect(line).toMatch(/^Switchyard upstream SIMULATOR listening on http:\/\/127\.0\.0\.1:\d+ \(not a real model\)$/);
      const url = /http:\/\/\S+/.exec(line)![0];
      expect((await fetch(`${url}/v1/models`)).status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
