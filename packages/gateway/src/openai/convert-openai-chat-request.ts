import type { ChatRequest, Message } from "@switchyard/core";
import type { OpenAIChatRequest } from "./openai-chat-request.js";

type OpenAIMessage = OpenAIChatRequest["messages"][number];

const joinText = (content: string | ReadonlyArray<{ text: string }>): string =>
  typeof content === "string" ? content : content.map((p) => p.text).join("");

const convertMessage = (m: OpenAIMessage): Message => {
  switch (m.role) {
    case "system":
    case "developer":
      return { role: "system", content: joinText(m.content) };
    case "user":
      return {
        role: "user",
        content:
          typeof m.content === "string"
            ? m.content
            : m.content.map((p) =>
                p.type === "text"
                  ? { type: "text" as const, text: p.text }
                  : { type: "image" as const, url: p.image_url.url, ...(p.image_url.detail ? { detail: p.image_url.detail } : {}) },
              ),
      };
    case "assistant":
      return {
        role: "assistant",
        content: m.content == null ? null : joinText(m.content),
        ...(m.tool_calls && m.tool_calls.length > 0
          ? { toolCalls: m.tool_calls.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments })) }
          : {}),
      };
    case "tool":
      return { role: "tool", toolCallId: m.tool_call_id, content: joinText(m.content) };
  }
};

/**
 * Maps a validated OpenAI chat request to Switchyard's provider-neutral `ChatRequest`.
 * `metadata` comes from the gateway (request id, key name), merged over the client's.
 * @example
 * const req = convertOpenAIChatRequest(OpenAIChatRequest.parse(body));
 */
export const convertOpenAIChatRequest = (body: OpenAIChatRequest): ChatRequest => {
  const out: ChatRequest = { messages: body.messages.map(convertMessage) };
  if (body.tools) {
    out.tools = body.tools.map((t) => ({
      name: t.function.name,
      parameters: t.function.parameters ?? { type: "object", properties: {} },
      ...(t.function.description !== undefined ? { description: t.function.description } : {}),
      ...(t.function.strict != null ? { strict: t.function.strict } : {}),
    }));
  }
  if (body.tool_choice !== undefined) {
    out.toolChoice = typeof body.tool_choice === "string" ? body.tool_choice : { name: body.tool_choice.function.name };
  }
  if (body.response_format !== undefined) {
    const f = body.response_format;
    out.responseFormat =
      f.type === "text"
        ? { type: "text" }
        : f.type === "json_object"
          ? { type: "json" }
          : {
              type: "json_schema",
              name: f.json_schema.name,
              schema: f.json_schema.schema ?? { type: "object" },
              ...(f.json_schema.strict != null ? { strict: f.json_schema.strict } : {}),
              ...(f.json_schema.description !== undefined ? { description: f.json_schema.description } : {}),
            };
  }
  if (body.temperature != null) out.temperature = body.temperature;
  if (body.top_p != null) out.topP = body.top_p;
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (maxTokens != null) out.maxTokens = maxTokens;
  if (body.stop != null) out.stop = typeof body.stop === "string" ? [body.stop] : body.stop;
  if (body.seed != null) out.seed = body.seed;
  if (body.presence_penalty != null) out.presencePenalty = body.presence_penalty;
  if (body.frequency_penalty != null) out.frequencyPenalty = body.frequency_penalty;
  if (body.parallel_tool_calls !== undefined) out.parallelToolCalls = body.parallel_tool_calls;
  if (body.user !== undefined) out.user = body.user;
  if (body.metadata != null) out.metadata = body.metadata;
  return out;
};
