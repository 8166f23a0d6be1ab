import type { ChatRequest } from "@switchyard/core";
import { Effect, Exit, Stream } from "effect";
import { afterEach, describe, expect, it } from "vitest";
import { readFixture, splitSseEvents, startFixtureServer, type FixtureRoute, type FixtureServer } from "../conformance/index.js";
import { anthropic } from "./anthropic-provider.js";

const fixture = (name: string) => readFixture(import.meta.url, `__fixtures__/${name}`);
const json = { "content-type": "application/json" };
const sse = { "content-type": "text/event-stream" };
let srv: FixtureServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});
const serve = async (route: Omit<FixtureRoute, "path">) => {
  srv = await startFixtureServer({ routes: [{ path: "/v1/messages", ...route }] });
  return anthropic({ baseURL: `${srv.url}/v1`, apiKey: "sk-ant-test-key", beta: ["prompt-caching-2024-07-31", "output-128k-2025-02-19"] });
};
const sentBody = (): Record<string, unknown> => JSON.parse(srv?.requests[0]?.rawBody ?? "null") as Record<string, unknown>;

describe("anthropic request mapping", () => {
  it("sends headers, hoisted system, images, tool calls and results as Messages API blocks", async () => {
    const provider = await serve({ headers: json, body: fixture("anthropic-text.json") });
    const request: ChatRequest = {
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image", url: "data:image/png;base64,iVBORw0KGgo=" }] },
        { role: "assistant", content: null, toolCalls: [{ id: "toolu_1", name: "lookup", arguments: '{"q":"png"}' }] },
        { role: "tool", toolCallId: "toolu_1", content: "a PNG header" },
        { role: "user", content: "Thanks" },
      ],
      tools: [{ name: "lookup", description: "Looks up", parameters: { type: "object", properties: { q: { type: "string" } } } }],
      toolChoice: { name: "lookup" },
      temperature: 0.2,
      stop: ["END"],
      user: "u-42",
    };
    await Effect.runPromise(provider("claude-haiku-4-5").generate(request));
    const req = srv?.requests[0];
    expect(req?.headers["x-api-key"]).toBe("sk-ant-test-key");
    expect(req?.headers["anthropic-version"]).toBe("2023-06-01");
    expect(req?.headers["anthropic-beta"]).toBe("prompt-caching-2024-07-31,output-128k-2025-02-19");
    expect(sentBody()).toEqual({
      model: "claude-haiku-4-5",
      max_tokens: 64_000,
      system: "Be brief.",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "What is this?" },
            { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
          ],
        },
        { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "lookup", input: { q: "png" } }] },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "toolu_1", content: "a PNG header" },
            { type: "text", text: "Thanks" },
          ],
        },
      ],
      tools: [{ name: "lookup", description: "Looks up", input_schema: { type: "object", properties: { q: { type: "string" } } } }],
      tool_choice: { type: "tool", name: "lookup" },
      temperature: 0.2,
      stop_sequences: ["END"],
      metadata: { user_id: "u-42" },
    });
  });

  it("uses 4096 max_tokens for a model the catalogue does not know", async () => {
    const provider = await serve({ headers: json, body: fixture("anthropic-text.json") });
    await Effect.runPromise(provider("claude-future-9").generate({ messages: [{ role: "user", content: "Hi" }] }));
    expect(sentBody().max_tokens).toBe(4096);
  });

  it("answers JSON through a forced tool and returns its input as the text", async () => {
    const provider = await serve({ headers: json, body: fixture("anthropic-json-tool.json") });
    const schema = { type: "object", properties: { city: { type: "string" }, temperatureC: { type: "number" } } };
    const res = await Effect.runPromise(
      provider("claude-haiku-4-5").generate({ messages: [{ role: "user", content: "Weather?" }], responseFormat: { type: "json_schema", name: "weather", schema } }),
    );
    expect(JSON.parse(res.message.content ?? "")).toEqual({ city: "Oslo", temperatureC: 12 });
    expect(res.message.toolCalls).toBeUndefined();
    expect(res.finishReason).toBe("stop");
    expect(sentBody().tool_choice).toEqual({ type: "tool", name: "json" });
    expect(sentBody().tools).toEqual([{ name: "json", description: 'Respond with a JSON object matching the "weather" schema.', input_schema: schema }]);
  });

  it("rejects an image URL scheme it cannot send, before any request", async () => {
    const provider = await serve({ headers: json, body: "{}" });
    const exit = await Effect.runPromiseExit(
      provider("claude-haiku-4-5").generate({ messages: [{ role: "user", content: [{ type: "image", url: "ftp://x/y.png" }] }] }),
    );
    expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain("BadRequest");
    expect(srv?.requests).toHaveLength(0);
  });

  it("fails with AuthFailed and sends nothing when no key is configured", async () => {
    srv = await startFixtureServer({ routes: [] });
    const saved = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    try {
      const exit = await Effect.runPromiseExit(anthropic({ baseURL: srv.url })("claude-haiku-4-5").generate({ messages: [{ role: "user", content: "Hi" }] }));
      expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain("AuthFailed");
      expect(srv.requests).toHaveLength(0);
    } finally {
      if (saved !== undefined) process.env.ANTHROPIC_API_KEY = saved;
    }
  });
});

describe("anthropic streaming", () => {
  it("streams thinking as reasoning deltas and counts cache reads into input tokens", async () => {
    const provider = await serve({ headers: sse, rawChunks: splitSseEvents(fixture("anthropic-thinking.sse")) });
    const events = await Effect.runPromise(Stream.runCollect(provider("claude-sonnet-4-5").stream({ messages: [{ role: "user", content: "27*453?" }] })));
    expect(sentBody().stream).toBe(true);
    expect(events).toEqual([
      { type: "response-metadata", id: "msg_01Aq9w938a90dw8q", model: "claude-sonnet-4-5-20250929" },
      { type: "reasoning-delta", delta: "27 * 453 = 12231" },
      { type: "text-delta", delta: "27 * 453 = 12,231" },
      { type: "usage", usage: { inputTokens: 1836, outputTokens: 60, totalTokens: 1896, cachedInputTokens: 1800, cacheWriteInputTokens: 0 } },
      { type: "finish", finishReason: "stop" },
    ]);
  });

  it("turns an error event mid-stream into Overloaded after the deltas already sent", async () => {
    const provider = await serve({ headers: sse, rawChunks: splitSseEvents(fixture("anthropic-overloaded-midstream.sse")) });
    const seen: string[] = [];
    const exit = await Effect.runPromiseExit(
      Stream.runForEach(provider("claude-haiku-4-5").stream({ messages: [{ role: "user", content: "Hi" }] }), (e) =>
        Effect.sync(() => {
          if (e.type === "text-delta") seen.push(e.delta);
        }),
      ),
    );
    expect(seen).toEqual(["Hel"]);
    expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain("Overloaded");
  });
});
