import { request, type IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningGateway } from "@switchyard/gateway";
import { startSimulatedGateway } from "../support/start-simulated-gateway.js";

// A client that stops reading a long stream fills the gateway's response buffer (megabytes
// of frames against a 16 KB high-water mark), so the gateway waits for the response to
// drain; once the client reads again the whole stream arrives, in order, with its end.
const WORDS = 40_000;
let gw: RunningGateway;
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ gw, close } = await startSimulatedGateway("long", { text: Array.from({ length: WORDS }, (_, i) => `w${i}`).join(" ") }));
}, 60_000);
afterAll(() => close());

describe("a slow streaming client", () => {
  it("waits for a paused client to drain, then delivers everything", { timeout: 60_000 }, async () => {
    const body = JSON.stringify({ model: "main", stream: true, messages: [{ role: "user", content: "go" }] });
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(`${gw.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" } }, resolve);
      req.on("error", reject);
      req.end(body);
    });
    expect(res.statusCode).toBe(200);
    res.pause();
    await new Promise((r) => setTimeout(r, 1_500));
    res.setEncoding("utf8");
    let text = "";
    res.on("data", (c: string) => (text += c));
    res.resume();
    await new Promise<void>((resolve, reject) => {
      res.on("end", resolve);
      res.on("error", reject);
    });
    const words = text
      .split("\n\n")
      .filter((f) => f.startsWith("data: {"))
      .map((f) => (JSON.parse(f.slice(6)) as { choices: Array<{ delta?: { content?: string } }> }).choices[0]?.delta?.content ?? "")
      .join("")
      .split(" ")
      .filter((w) => w !== "");
    expect(words).toHaveLength(WORDS);
    expect(words.at(-1)).toBe(`w${WORDS - 1}`);
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
  });
});
