import type { ChatRequest } from "@switchyard/core";
import { Effect, Exit, Stream } from "effect";
import { afterEach, describe, expect, it } from "vitest";
import { readFixture, splitSseEvents, startFixtureServer, type FixtureRoute, type FixtureServer } from "../conformance/index.js";
import { google } from "./google-provider.js";

const fixture = (name: string) => readFixture(import.meta.url, `__fixtures__/${name}`);
const json = { "content-type": "application/json" };
let srv: FixtureServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});
const serve = async (route: FixtureRoute) => {
  srv = await startFixtureServer({ routes: [route] });
  return google({ baseURL: `${srv.url}/v1beta`, apiKey: "AIza-test-key-000000000000000000" });
};
const sentBody = (): Record<string, unknown> => JSON.parse(srv?.requests[0]?.rawBody ?? "null") as Record<string, unknown>;

describe("google request mapping", () => {
  it("sends the key header, systemInstruction, inlineData, function calls/responses, tools and generationConfig", async () => {
    const provider = await serve({ path: "/v1beta/models/gemini-2.5-flash:generateContent", headers: json, body: fixture("gemini-text.json") });
    const schema = { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false };
    const request: ChatRequest = {
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: [{ type: "text", text: "Weather here?" }, { type: "image", url: "data:image/jpeg;base64,/9j/4AAQ" }] },
        { role: "assistant", content: null, toolCalls: [{ id: "c1", name: "get_weather", arguments: '{"city":"Oslo"}' }] },
        { role: "tool", toolCallId: "c1", content: "12°C and rain" },
      ],
      tools: [{ name: "get_weather", description: "Weather by city", parameters: schema }],
      toolChoice: "required",
      temperature: 0.3,
      topP: 0.9,
      maxTokens: 256,
      stop: ["END"],
      seed: 7,
      responseFormat: { type: "json_schema", name: "answer", schema },
      providerOptions: { google: { generationConfig: { thinkingConfig: { thinkingBudget: 0 } }, safetySettings: [] } },
    };
    const res = await Effect.runPromise(provider("gemini-2.5-flash").generate(request));
    expect(res.usage).toEqual({ inputTokens: 1200, outputTokens: 31, totalTokens: 1231, cachedInputTokens: 1024, reasoningTokens: 22 });
    expect(srv?.requests[0]?.headers["x-goog-api-key"]).toBe("AIza-test-key-000000000000000000");
    expect(srv?.requests[0]?.url).toBe("/v1beta/models/gemini-2.5-flash:generateContent");
    expect(sentBody()).toEqual({
      contents: [
        { role: "user", parts: [{ text: "Weather here?" }, { inlineData: { mimeType: "image/jpeg", data: "/9j/4AAQ" } }] },
        { role: "model", parts: [{ functionCall: { name: "get_weather", args: { city: "Oslo" } } }] },
        { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { content: "12°C and rain" } } }] },
      ],
      systemInstruction: { parts: [{ text: "Be brief." }] },
      tools: [{ functionDeclarations: [{ name: "get_weather", description: "Weather by city", parametersJsonSchema: schema }] }],
      toolConfig: { functionCallingConfig: { mode: "ANY" } },
      generationConfig: {
        temperature: 0.3,
        topP: 0.9,
        maxOutputTokens: 256,
        stopSequences: ["END"],
        seed: 7,
        responseMimeType: "application/json",
        responseJsonSchema: schema,
        thinkingConfig: { thinkingBudget: 0 },
      },
      safetySettings: [],
    });
  });

  it("rejects a tool result that answers no call, before any request", async () => {
    const provider = await serve({ path: /.*/, body: "{}" });
    const exit = await Effect.runPromiseExit(
      provider("gemini-2.5-flash").generate({ messages: [{ role: "user", content: "x" }, { role: "tool", toolCallId: "nope", content: "1" }] }),
    );
    expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain("BadRequest");
    expect(srv?.requests).toHaveLength(0);
  });
});

describe("google responses", () => {
  it("maps finishReason SAFETY to content-filter", async () => {
    const provider = await serve({ path: "/v1beta/models/gemini-2.5-flash:generateContent", headers: json, body: fixture("gemini-safety.json") });
    const res = await Effect.runPromise(provider("gemini-2.5-flash").generate({ messages: [{ role: "user", content: "x" }] }));
    expect(res.finishReason).toBe("content-filter");
    expect(res.providerMetadata).toMatchObject({ google: { safetyRatings: [{ category: "HARM_CATEGORY_DANGEROUS_CONTENT" }] } });
  });

  it("fails a stream whose prompt was blocked with ContentFiltered", async () => {
    const provider = await serve({
      path: "/v1beta/models/gemini-2.5-flash:streamGenerateContent",
      headers: { "content-type": "text/event-stream" },
      rawChunks: splitSseEvents(fixture("gemini-prompt-blocked.sse")),
    });
    const exit = await Effect.runPromiseExit(Stream.runCollect(provider("gemini-2.5-flash").stream({ messages: [{ role: "user", content: "x" }] })));
    expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain("PROHIBITED_CONTENT");
    expect(srv?.requests[0]?.url).toBe("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
  });
});
