import { compileSafeParse } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { OpenAICompatibleChatChunk, OpenAICompatibleChatResponse } from "./openai-compatible-api-types.js";

// The decoders check these wire schemas with compileSafeParse (decodeWireResponse, the chunk
// mapper): a well-formed answer must take the fast path (no copy), and anything else must get
// exactly zod's verdict and issues. Core's own tests cover the mechanism on replicas; these pin
// it on the real schemas, so a schema edit that drops them off the fast path is noticed.
const check = (schema: z.ZodType, valid: ReadonlyArray<unknown>, invalid: ReadonlyArray<unknown>): void => {
  const parse = compileSafeParse(schema);
  for (const input of valid) {
    const r = parse(input);
    expect(r.success).toBe(true);
    expect(r.data).toBe(input);
  }
  for (const input of invalid) {
    const r = parse(input);
    const zod = schema.safeParse(input);
    expect(zod.success).toBe(false);
    expect(r.success).toBe(false);
    expect(r.error?.issues).toStrictEqual(zod.error?.issues);
  }
};

describe("OpenAI-compatible wire schemas under compileSafeParse", () => {
  it("chat response: real answers on the fast path, malformed ones with zod's issues", () => {
    check(
      OpenAICompatibleChatResponse,
      [
        {
          id: "chatcmpl-1",
          object: "chat.completion",
          model: "gpt-4o-mini",
          choices: [{ index: 0, message: { role: "assistant", content: "Hi", refusal: null }, logprobs: null, finish_reason: "stop" }],
          usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
          system_fingerprint: "fp_1",
        },
        {
          choices: [{ message: { content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "f", arguments: "{}" } }] }, finish_reason: "tool_calls" }],
          usage: null,
        },
        { choices: [{ message: { reasoning_content: "thinking", content: "ok" } }], usage: { prompt_cache_hit_tokens: 4 } },
      ],
      [
        { choices: [] },
        { choices: [{ message: { content: 42 } }] },
        { choices: [{ message: { tool_calls: [{ function: { arguments: "{}" } }] } }] },
        { choices: [{ message: {} }], usage: { prompt_tokens: -1 } },
        { choices: [{ message: {} }], usage: { completion_tokens: 1.5 } },
        { id: 7, choices: [{ message: {} }] },
        [],
        null,
      ],
    );
  });

  it("stream chunk: real chunks on the fast path, malformed ones with zod's issues", () => {
    check(
      OpenAICompatibleChatChunk,
      [
        { id: "chatcmpl-1", object: "chat.completion.chunk", model: "m", choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] },
        { choices: [{ delta: { tool_calls: [{ index: 0, id: "call_1", function: { name: "f", arguments: '{"a"' } }] } }] },
        { choices: [], usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 } },
        { id: "", model: "", choices: [], prompt_filter_results: [] },
      ],
      [
        { choices: [{ delta: { content: 1 } }] },
        { choices: [{ delta: { tool_calls: [{ index: -1 }] } }] },
        { choices: {} },
        "data",
      ],
    );
  });
});
