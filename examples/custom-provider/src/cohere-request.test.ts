import { createRouter } from "@switchyard/core";
import { readFixture, startFixtureServer } from "@switchyard/providers/conformance";
import { describe, expect, it } from "vitest";
import { cohere } from "./cohere-provider.js";

describe("cohere request mapping", () => {
  it("sends the Cohere v2 body and bearer key, and works as a route target", async () => {
    const srv = await startFixtureServer({ routes: [{ path: "/v2/chat", headers: { "content-type": "application/json" }, body: readFixture(import.meta.url, "__fixtures__/cohere-text.json") }] });
    try {
      const router = createRouter({ models: { command: cohere({ baseURL: srv.url, apiKey: "co-test-key" })("command-a-03-2025") }, routes: { main: { models: ["command"] } } });
      const res = await router.chat("main", {
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "Weather?" },
          { role: "assistant", content: null, toolCalls: [{ id: "c1", name: "get_weather", arguments: '{"location":"Toronto"}' }] },
          { role: "tool", toolCallId: "c1", content: "-3°C" },
        ],
        tools: [{ name: "get_weather", parameters: { type: "object" } }],
        toolChoice: "required",
        topP: 0.5,
        responseFormat: { type: "json" },
      });
      expect(res.message.content).toBe("Hello! How can I help you today?");
      expect(res.run.model).toBe("command");
      expect(srv.requests[0]?.headers.authorization).toBe("Bearer co-test-key");
      expect(JSON.parse(srv.requests[0]?.rawBody ?? "")).toEqual({
        model: "command-a-03-2025",
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "Weather?" },
          { role: "assistant", tool_calls: [{ id: "c1", type: "function", function: { name: "get_weather", arguments: '{"location":"Toronto"}' } }] },
          { role: "tool", tool_call_id: "c1", content: "-3°C" },
        ],
        tools: [{ type: "function", function: { name: "get_weather", description: "", parameters: { type: "object" } } }],
        tool_choice: "REQUIRED",
        response_format: { type: "json_object" },
        p: 0.5,
      });
    } finally {
      await srv.close();
    }
  });
});
