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
  // Built field by field, leaving out unset ones: this runs on every call.
  const body: Record<string, unknown> = {
    model: modelId,
    messages: convertToOpenAICompatibleChatMessages(request.messages, { systemRole: config.systemRole?.(modelId) ?? "system" }),
  };
  if (request.tools !== undefined) {
    body.tools = request.tools.map((t) => ({
      type: "function",
      function: {
        name: t.name,
        ...(t.description !== undefined ? { description: t.description } : {}),
        parameters: t.parameters,
        ...(t.strict !== undefined ? { strict: t.strict } : {}),
      },
    }));
  }
  if (request.toolChoice !== undefined) body.tool_choice = toolChoice(request.toolChoice);
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  const format = request.responseFormat === undefined ? undefined : responseFormat(request.responseFormat);
  if (format !== undefined) body.response_format = format;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.stop !== undefined) body.stop = request.stop;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.presencePenalty !== undefined) body.presence_penalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) body.frequency_penalty = request.frequencyPenalty;
  if (request.user !== undefined) body.user = request.user;
  if (options.stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  const extra = request.providerOptions?.[config.provider];
  if (extra !== undefined) for (const k in extra) if (extra[k] !== undefined) body[k] = extra[k];
  return config.transformBody ? config.transformBody(body, modelId) : body;
};
