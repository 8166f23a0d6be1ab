import type { ChatResponse } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { encodeOpenAIChatCompletion } from "./openai-chat-response.js";

const base: ChatResponse = {
  id: "chatcmpl-abc",
  model: "gpt-4o-mini",
  message: { role: "assistant", content: "Hello" },
  finishReason: "stop",
  usage: { inputTokens: 12, outputTokens: 3, totalTokens: 15 },
};

const decode = (r: ChatResponse, created = 1_700_000_000): unknown => JSON.parse(encodeOpenAIChatCompletion(r, created));

/** The chat.completion `base` should become, with the given content, as an object. */
const completion = (content: string, created = 1) => ({
  id: "chatcmpl-abc",
  object: "chat.completion",
  created,
  model: "gpt-4o-mini",
  choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" }],
  usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
});

describe("encodeOpenAIChatCompletion", () => {
  it("writes OpenAI's chat.completion, field for field", () => {
    expect(decode(base)).toStrictEqual(completion("Hello", 1_700_000_000));
  });

  it("writes every string exactly as JSON.stringify does, for every UTF-16 code unit", () => {
    const mismatches: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const content = `a${String.fromCharCode(c)}b`;
      if (encodeOpenAIChatCompletion({ ...base, message: { role: "assistant", content } }, 1) !== JSON.stringify(completion(content))) mismatches.push(c);
    }
    expect(mismatches).toEqual([]);
    for (const content of ["", "é 中文 😀", "\u2028", '{"answer":"ok"}', "line\nbreak"]) {
      expect(encodeOpenAIChatCompletion({ ...base, message: { role: "assistant", content } }, 1)).toBe(JSON.stringify(completion(content)));
    }
  });

  it("keeps the key order JSON.stringify of the same object would give", () => {
    const text = encodeOpenAIChatCompletion(base, 1);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(["id", "object", "created", "model", "choices", "usage"]);
  });

  it("escapes every string the model or provider wrote (quotes, newlines, unicode, lone surrogates)", () => {
    const tricky = 'He said "hi"\n\t\\ </script> \u2028 😀 \ud800 end';
    const out = decode({ ...base, id: 'x"y', model: "m\\n", message: { role: "assistant", content: tricky, reasoning: tricky } }) as {
      id: string;
      model: string;
      choices: Array<{ message: { content: string; reasoning_content: string } }>;
    };
    expect(out.choices[0]?.message.content).toBe(tricky);
    expect(out.choices[0]?.message.reasoning_content).toBe(tricky);
    expect(out.model).toBe("m\\n");
    // A provider id that is not a chatcmpl- id is replaced, never echoed raw into the JSON.
    expect(out.id).toMatch(/^chatcmpl-[A-Za-z0-9_-]+$/);
  });

  it("writes tool calls, a null content and the finish reason OpenAI uses for them", () => {
    const out = decode({
      ...base,
      message: { role: "assistant", content: null, toolCalls: [{ id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' }, { id: "call_2", name: "f", arguments: "{}" }] },
      finishReason: "tool-calls",
    }) as { choices: Array<{ message: unknown; finish_reason: string }> };
    expect(out.choices[0]).toStrictEqual({
      index: 0,
      message: {
        role: "assistant",
        content: null,
        refusal: null,
        tool_calls: [
          { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
          { id: "call_2", type: "function", function: { name: "f", arguments: "{}" } },
        ],
      },
      logprobs: null,
      finish_reason: "tool_calls",
    });
  });

  it("reports cached and reasoning tokens, and the provider's system fingerprint", () => {
    const out = decode({
      ...base,
      usage: { inputTokens: 100, outputTokens: 20, totalTokens: 120, cachedInputTokens: 64, reasoningTokens: 8 },
      providerMetadata: { systemFingerprint: "fp_123" },
    }) as { usage: unknown; system_fingerprint: string };
    expect(out.usage).toStrictEqual({ prompt_tokens: 100, completion_tokens: 20, total_tokens: 120, prompt_tokens_details: { cached_tokens: 64 }, completion_tokens_details: { reasoning_tokens: 8 } });
    expect(out.system_fingerprint).toBe("fp_123");
  });

  it("leaves out an empty tool-call list and a fingerprint that is not a string", () => {
    const out = decode({ ...base, message: { role: "assistant", content: "ok", toolCalls: [] }, providerMetadata: { systemFingerprint: 42 } }) as {
      choices: Array<{ message: object }>;
    };
    expect(out).not.toHaveProperty("system_fingerprint");
    expect(out.choices[0]?.message).not.toHaveProperty("tool_calls");
  });
});
