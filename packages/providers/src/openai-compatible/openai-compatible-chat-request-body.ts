import type { ChatRequest, ResponseFormat, ToolChoice } from "@switchyard/core";
import { convertToOpenAICompatibleChatMessages } from "./convert-to-openai-compatible-chat-messages.js";
import type { OpenAICompatibleConfig } from "./openai-compatible-config.js";

const toolChoice = (choice: ToolChoice): unknown =>
  typeof choice === "string" ? choice : { type: "function", function: { name: choice.name } };

const responseFormat = (format: ResponseFormat): unknown => {
  switch (format.type) {
    case "text":
      return undefined;
    case "json":
      return { type: "json_object" };
    case "json_schema":
      return {
        type: "json_schema",
        json_schema: {
          name: format.name,
          schema: format.schema,
          ...(format.strict !== undefined ? { strict: format.strict } : {}),
          ...(format.description !== undefined ? { description: format.description } : {}),
        },
      };
  }
};

/**
 * Builds the Chat Completions request body. Fields the request leaves unset are omitted
 * (not sent as null), `providerOptions[provider]` is merged in last so users can pass
 * provider-only parameters, and the config's `transformBody` has the final word.
 * @example
 * buildOpenAICompatibleChatBody(config, "gpt-4o-mini", { messages: [{ role: "user", content: "Hi" }] }, { stream: true });
 */
export const buildOpenAICompatibleChatBody = (
  config: OpenAICompatibleConfig,
  modelId: string,
  request: ChatRequest,
  options: { readonly stream: boolean },
): Record<string, unknown> => {
  const fields: Record<string, unknown> = {
    model: modelId,
    messages: convertToOpenAICompatibleChatMessages(request.messages, { systemRole: config.systemRole?.(modelId) ?? "system" }),
    tools: request.tools?.map((t) => ({
      type: "function",
      function: {
        name: t.name,
        ...(t.description !== undefined ? { description: t.description } : {}),
        parameters: t.parameters,
        ...(t.strict !== undefined ? { strict: t.strict } : {}),
      },
    })),
    tool_choice: request.toolChoice === undefined ? undefined : toolChoice(request.toolChoice),
    parallel_tool_calls: request.parallelToolCalls,
    response_format: request.responseFormat === undefined ? undefined : responseFormat(request.responseFormat),
    temperature: request.temperature,
    top_p: request.topP,
    max_tokens: request.maxTokens,
    stop: request.stop,
    seed: request.seed,
    presence_penalty: request.presencePenalty,
    frequency_penalty: request.frequencyPenalty,
    user: request.user,
    ...(options.stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    ...request.providerOptions?.[config.provider],
  };
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) body[k] = v;
  return config.transformBody ? config.transformBody(body, modelId) : body;
};
