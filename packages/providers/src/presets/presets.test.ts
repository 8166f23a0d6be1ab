import { Effect, Stream } from "effect";
import { afterEach, describe, expect, it } from "vitest";
import type { ChatRequest } from "@switchyard/core";
import { loadChunks, startFixtureServer, type FixtureServer } from "../testing/index.js";
import { deepseek, fireworks, groq, lmstudio, mistral, ollama, openrouter, together, vllm, xai } from "./index.js";

const fixture = (name: string): URL => new URL(`./__fixtures__/${name}`, import.meta.url);
const hi: ChatRequest = { messages: [{ role: "user", content: "Hello" }], seed: 3, user: "u1" };
const okBody = {
  id: "x",
  model: "m",
  choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const start = async (chunks?: string[]) => {
  server = await startFixtureServer({ routes: [{ method: "POST", path: /\/chat\/completions$/, ...(chunks ? { chunks } : { body: okBody }) }] });
  return `${server.url}/v1`;
};

describe("OpenAI-compatible presets", () => {
  it("know their real base URLs", async () => {
    const seen: Record<string, string> = {};
    const fetch = (name: string) => (input: string | URL | Request) => {
      seen[name] = String(input);
      return Promise.resolve(new Response(JSON.stringify(okBody)));
    };
    const presets = { groq, mistral, together, fireworks, deepseek, openrouter, xai, vllm, ollama, lmstudio };
    for (const [name, preset] of Object.entries(presets)) {
      await Effect.runPromise(preset({ apiKey: "k-123456", fetch: fetch(name) })("m").generate(hi));
    }
    expect(seen).toEqual({
      groq: "https://api.groq.com/openai/v1/chat/completions",
      mistral: "https://api.mistral.ai/v1/chat/completions",
      together: "https://api.together.xyz/v1/chat/completions",
      fireworks: "https://api.fireworks.ai/inference/v1/chat/completions",
      deepseek: "https://api.deepseek.com/v1/chat/completions",
      openrouter: "https://openrouter.ai/api/v1/chat/completions",
      xai: "https://api.x.ai/v1/chat/completions",
      vllm: "http://127.0.0.1:8000/v1/chat/completions",
      ollama: "http://127.0.0.1:11434/v1/chat/completions",
      lmstudio: "http://127.0.0.1:1234/v1/chat/completions",
    });
  });

  it("read the key from the preset's env var and fail with AuthFailed without one", async () => {
    const baseURL = await start();
    const previous = process.env.GROQ_API_KEY;
    try {
      delete process.env.GROQ_API_KEY;
      const e = await Effect.runPromise(Effect.flip(groq({ baseURL })("llama-3.1-8b-instant").generate(hi)));
      expect(e._tag).toBe("AuthFailed");
      expect(e.message).toContain("GROQ_API_KEY");
      process.env.GROQ_API_KEY = "gsk_env_key_123456";
      await Effect.runPromise(groq({ baseURL })("llama-3.1-8b-instant").generate(hi));
      expect(server!.requests[0]?.headers.authorization).toBe("Bearer gsk_env_key_123456");
    } finally {
      if (previous === undefined) delete process.env.GROQ_API_KEY;
      else process.env.GROQ_API_KEY = previous;
    }
  });

  it("local servers need no key and send no Authorization header", async () => {
    const baseURL = await start();
    await Effect.runPromise(ollama({ baseURL })("llama3.2").generate(hi));
    expect(server!.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("mistral: random_seed, no stream_options, no user", async () => {
    const baseURL = await start(loadChunks(new URL("../openai/__fixtures__/openai-text.chunks.txt", import.meta.url)));
    await Effect.runPromise(Stream.runDrain(mistral({ baseURL, apiKey: "mk-123456" })("mistral-small-latest").stream(hi)));
    const body = server!.requests[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ random_seed: 3, stream: true });
    expect(body).not.toHaveProperty("seed");
    expect(body).not.toHaveProperty("stream_options");
    expect(body).not.toHaveProperty("user");
  });

  it("openrouter: attribution headers, and an in-stream error chunk fails the stream", async () => {
    const baseURL = await start(loadChunks(fixture("openrouter-in-stream-error.chunks.txt")));
    const model = openrouter({ baseURL, apiKey: "sk-or-v1-abcdef123456", appUrl: "https://example.com", appName: "Switchyard test" })("openai/gpt-4o");
    const seen: string[] = [];
    const e = await Effect.runPromise(
      Effect.flip(Stream.runForEach(model.stream(hi), (ev) => Effect.sync(() => seen.push(ev.type)))),
    );
    expect(seen).toEqual(["response-metadata", "text-delta"]);
    expect(e._tag).toBe("Unavailable");
    expect(e.message).toContain("Provider returned error");
    expect(server!.requests[0]?.headers).toMatchObject({ "http-referer": "https://example.com", "x-title": "Switchyard test" });
  });

  it("deepseek: reasoning_content deltas and cache-hit usage", async () => {
    const baseURL = await start(loadChunks(fixture("deepseek-reasoning.chunks.txt")));
    const events = await Effect.runPromise(Stream.runCollect(deepseek({ baseURL, apiKey: "sk-ds-123456" })("deepseek-reasoner").stream(hi)));
    const text = (type: string) => events.flatMap((e) => (e.type === type && "delta" in e ? [e.delta] : [])).join("");
    expect(text("reasoning-delta")).toBe("Okay, the user greets me.");
    expect(text("text-delta")).toBe("Hi there!");
    expect(events.slice(-2)).toEqual([
      { type: "usage", usage: { inputTokens: 13, outputTokens: 45, totalTokens: 58, cachedInputTokens: 0, reasoningTokens: 38 } },
      { type: "finish", finishReason: "stop" },
    ]);
  });
});
