import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import type { ChatRequest } from "@switchyard/core";
import { Effect, Exit, Stream } from "effect";
import { afterEach, describe, expect, it } from "vitest";
import { readFixture, startFixtureServer, type FixtureRoute, type FixtureServer } from "../conformance/index.js";
import { eventStreamFrames } from "./__fixtures__/event-stream-frames.js";
import { encodeEventStreamMessage } from "./aws-event-stream-codec.js";
import { bedrock } from "./bedrock-provider.js";

const fixture = (name: string) => readFixture(import.meta.url, `__fixtures__/${name}`);
const modelId = "anthropic.claude-3-5-haiku-20241022-v1:0";
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "FwoGZXIvYXdzEXAMPLETOKEN" };
let srv: FixtureServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});
const serve = async (route: Omit<FixtureRoute, "path">, settings: Parameters<typeof bedrock>[0] = { credentials }) => {
  srv = await startFixtureServer({ routes: [{ path: /^\/model\/[^/]+\/converse(-stream)?$/, ...route }] });
  return bedrock({ region: "eu-west-1", baseURL: srv.url, ...settings });
};
const sentBody = (): Record<string, unknown> => JSON.parse(srv?.requests[0]?.rawBody ?? "null") as Record<string, unknown>;
const parseAmzDate = (v: string) => new Date(`${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 11)}:${v.slice(11, 13)}:${v.slice(13, 15)}Z`);

describe("bedrock request", () => {
  it("signs with SigV4 so that an independent signer derives the same signature", async () => {
    const provider = await serve({ headers: { "content-type": "application/json" }, body: fixture("bedrock-text.json") });
    await Effect.runPromise(provider(modelId).generate({ messages: [{ role: "user", content: "Hi" }] }));
    const req = srv?.requests[0];
    expect(req?.url).toBe(`/model/${encodeURIComponent(modelId)}/converse`);
    const auth = String(req?.headers.authorization);
    expect(auth).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/bedrock\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
    expect(req?.headers["x-amz-security-token"]).toBe(credentials.sessionToken);
    // Re-derive: same request, same time, reference signer.
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(";") ?? [];
    const url = new URL(`${srv?.url}${req?.url}`);
    const headers = Object.fromEntries(signedHeaders.map((h) => [h, String(req?.headers[h])]));
    const signer = new SignatureV4({ service: "bedrock", region: "eu-west-1", credentials, sha256: Sha256, applyChecksum: true });
    const again = await signer.sign(
      { method: "POST", protocol: "http:", hostname: url.hostname, port: Number(url.port), path: url.pathname, query: {}, headers, body: req?.rawBody },
      { signingDate: parseAmzDate(String(req?.headers["x-amz-date"])) },
    );
    expect(again.headers.authorization).toBe(auth);
    expect(auth).not.toContain(credentials.secretAccessKey);
  });

  it("maps system, images, tool calls/results, tools and inference config to Converse", async () => {
    const provider = await serve({ headers: { "content-type": "application/json" }, body: fixture("bedrock-text.json") });
    const request: ChatRequest = {
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: [{ type: "text", text: "What is it?" }, { type: "image", url: "data:image/png;base64,iVBORw0KGgo=" }] },
        { role: "assistant", content: "Checking.", toolCalls: [{ id: "tu_1", name: "lookup", arguments: '{"q":"png"}' }] },
        { role: "tool", toolCallId: "tu_1", content: "an image" },
      ],
      tools: [{ name: "lookup", parameters: { type: "object" } }],
      toolChoice: "auto",
      maxTokens: 300,
      temperature: 0.5,
      stop: ["###"],
    };
    await Effect.runPromise(provider(modelId).generate(request));
    expect(sentBody()).toEqual({
      messages: [
        { role: "user", content: [{ text: "What is it?" }, { image: { format: "png", source: { bytes: "iVBORw0KGgo=" } } }] },
        { role: "assistant", content: [{ text: "Checking." }, { toolUse: { toolUseId: "tu_1", name: "lookup", input: { q: "png" } } }] },
        { role: "user", content: [{ toolResult: { toolUseId: "tu_1", content: [{ text: "an image" }] } }] },
      ],
      system: [{ text: "Be brief." }],
      inferenceConfig: { maxTokens: 300, temperature: 0.5, stopSequences: ["###"] },
      toolConfig: { tools: [{ toolSpec: { name: "lookup", inputSchema: { json: { type: "object" } } } }], toolChoice: { auto: {} } },
    });
  });

  it("sends a Bedrock API key as a bearer token instead of signing", async () => {
    const provider = await serve({ headers: { "content-type": "application/json" }, body: fixture("bedrock-text.json") }, { apiKey: "ABSKbedrock-api-key" });
    await Effect.runPromise(provider(modelId).generate({ messages: [{ role: "user", content: "Hi" }] }));
    expect(srv?.requests[0]?.headers.authorization).toBe("Bearer ABSKbedrock-api-key");
    expect(srv?.requests[0]?.headers["x-amz-date"]).toBeUndefined();
  });

  it("answers JSON through a forced tool", async () => {
    const provider = await serve({ headers: { "content-type": "application/json" }, body: fixture("bedrock-json-tool.json") });
    const res = await Effect.runPromise(
      provider(modelId).generate({ messages: [{ role: "user", content: "Weather?" }], responseFormat: { type: "json_schema", name: "w", schema: { type: "object" } } }),
    );
    expect(JSON.parse(res.message.content ?? "")).toEqual({ city: "Oslo", temperatureC: 12 });
    expect(res.finishReason).toBe("stop");
    expect(sentBody().toolConfig).toMatchObject({ toolChoice: { tool: { name: "json" } } });
  });

  it("needs a region at start-up", () => {
    const saved = [process.env.AWS_REGION, process.env.AWS_DEFAULT_REGION];
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    try {
      expect(() => bedrock({ credentials })(modelId)).toThrow(/region/);
    } finally {
      if (saved[0] !== undefined) process.env.AWS_REGION = saved[0];
      if (saved[1] !== undefined) process.env.AWS_DEFAULT_REGION = saved[1];
    }
  });
});

describe("bedrock stream", () => {
  const eventStream = { "content-type": "application/vnd.amazon.eventstream" };

  it("turns an in-stream throttlingException into RateLimited", async () => {
    const provider = await serve({ headers: eventStream, rawChunks: eventStreamFrames("bedrock-throttling-midstream.events.jsonl") });
    const exit = await Effect.runPromiseExit(Stream.runCollect(provider(modelId).stream({ messages: [{ role: "user", content: "Hi" }] })));
    expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain("RateLimited");
    expect(srv?.requests[0]?.headers.accept).toBe("application/vnd.amazon.eventstream");
  });

  it("fails a corrupted frame with Unavailable", async () => {
    const frame = encodeEventStreamMessage({ ":event-type": "messageStart", ":message-type": "event" }, '{"role":"assistant"}');
    frame[frame.length - 6] = (frame[frame.length - 6] ?? 0) ^ 0x01;
    const provider = await serve({ headers: eventStream, rawChunks: [frame] });
    const exit = await Effect.runPromiseExit(Stream.runCollect(provider(modelId).stream({ messages: [{ role: "user", content: "Hi" }] })));
    expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain("corrupt event-stream frame");
  });
});
