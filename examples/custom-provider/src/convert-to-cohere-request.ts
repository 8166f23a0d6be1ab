import { BadRequest, type ChatRequest } from "@switchyard/core";
import { Effect } from "effect";

type CohereMessage =
  | { role: "system" | "user"; content: string | Array<{ type: "text"; text: string } | { type: "image_url"; image_url: { url: string } }> }
  | { role: "assistant"; content?: string; tool_calls?: Array<{ id: string; type: "function"; function: { name: string; arguments: string } }> }
  | { role: "tool"; tool_call_id: string; content: string };

/** The JSON body of `POST /v2/chat`. @example const b: CohereChatBody = { model: "command-a-03-2025", messages: [] }; */
export interface CohereChatBody {
  model: string;
  messages: CohereMessage[];
  stream?: boolean;
  [field: string]: unknown;
}

/**
 * Builds a Cohere v2 Chat body. Cohere speaks OpenAI-like messages, so the mapping is
 * short; `toolChoice` "required"/"none" become `REQUIRED`/`NONE` (Cohere has no
 * named-tool choice, so naming a tool is a `BadRequest`), JSON output is `response_format`
 * `json_object` with an optional `json_schema`.
 * @example
 * const body = Effect.runSync(toCohereRequest({ messages: [{ role: "user", content: "Hi" }] }, "command-a-03-2025"));
 */
export const toCohereRequest = (request: ChatRequest, model: string): Effect.Effect<CohereChatBody, BadRequest> => {
  const choice = request.toolChoice;
  if (typeof choice === "object") {
    return Effect.fail(new BadRequest({ message: "cohere: naming a tool in toolChoice is not supported", provider: "cohere", param: "toolChoice" }));
  }
  const messages = request.messages.map((m): CohereMessage => {
    switch (m.role) {
      case "system":
        return { role: "system", content: m.content };
      case "user":
        return {
          role: "user",
          content:
            typeof m.content === "string"
              ? m.content
              : m.content.map((p) => (p.type === "text" ? { type: "text", text: p.text } : { type: "image_url", image_url: { url: p.url } })),
        };
      case "assistant":
        return {
          role: "assistant",
          ...(m.content ? { content: m.content } : {}),
          ...(m.toolCalls?.length
            ? { tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: "function" as const, function: { name: c.name, arguments: c.arguments } })) }
            : {}),
        };
      case "tool":
        return { role: "tool", tool_call_id: m.toolCallId, content: m.content };
    }
  });
  const format = request.responseFormat;
  return Effect.succeed({
    model,
    messages,
    ...(request.tools?.length
      ? { tools: request.tools.map((t) => ({ type: "function", function: { name: t.name, description: t.description ?? "", parameters: t.parameters } })) }
      : {}),
    ...(choice === "required" ? { tool_choice: "REQUIRED" } : choice === "none" ? { tool_choice: "NONE" } : {}),
    ...(format && format.type !== "text" ? { response_format: { type: "json_object", ...(format.type === "json_schema" ? { json_schema: format.schema } : {}) } } : {}),
    ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.topP !== undefined ? { p: request.topP } : {}),
    ...(request.stop?.length ? { stop_sequences: request.stop } : {}),
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
    ...(request.presencePenalty !== undefined ? { presence_penalty: request.presencePenalty } : {}),
    ...(request.frequencyPenalty !== undefined ? { frequency_penalty: request.frequencyPenalty } : {}),
    ...request.providerOptions?.["cohere"],
  });
};
