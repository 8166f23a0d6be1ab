import { BadRequest, type ChatRequest, type Message, type ResponseFormat } from "@switchyard/core";
import * as Effect from "effect/Effect";
import { parseDataUrl } from "../kit/parse-data-url.js";
import { parseToolArguments } from "../kit/parse-tool-arguments.js";

const PROVIDER = "anthropic";

/** Name of the tool the adapter forces when the caller asks for JSON output. */
export const ANTHROPIC_JSON_TOOL = "json";

type ContentBlock =
  | { type: "text"; text: string }
  | { type: "image"; source: { type: "base64"; media_type: string; data: string } | { type: "url"; url: string } }
  | { type: "tool_use"; id: string; name: string; input: unknown }
  | { type: "tool_result"; tool_use_id: string; content: string };

interface AnthropicMessage {
  role: "user" | "assistant";
  content: ContentBlock[];
}

interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
}

type AnthropicToolChoice = { type: "auto" | "any" | "none"; disable_parallel_tool_use?: boolean } | { type: "tool"; name: string; disable_parallel_tool_use?: boolean };

/** The JSON body of `POST /v1/messages`. @example const b: AnthropicRequestBody = { model: "claude-haiku-4-5", max_tokens: 1024, messages: [] }; */
export interface AnthropicRequestBody {
  model: string;
  max_tokens: number;
  messages: AnthropicMessage[];
  system?: string;
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  temperature?: number;
  top_p?: number;
  stop_sequences?: string[];
  metadata?: { user_id: string };
  stream?: boolean;
  [extra: string]: unknown;
}

const userBlocks = (content: Extract<Message, { role: "user" }>["content"]): Effect.Effect<ContentBlock[], BadRequest> => {
  if (typeof content === "string") return Effect.succeed([{ type: "text", text: content }]);
  return Effect.forEach(content, (part): Effect.Effect<ContentBlock, BadRequest> => {
    if (part.type === "text") return Effect.succeed({ type: "text", text: part.text });
    const inline = parseDataUrl(part.url, part.mediaType);
    if (inline) return Effect.succeed({ type: "image", source: { type: "base64", media_type: inline.mediaType, data: inline.base64 } });
    if (/^https?:\/\//i.test(part.url)) return Effect.succeed({ type: "image", source: { type: "url", url: part.url } });
    return Effect.fail(new BadRequest({ message: "anthropic: image parts must be base64 data: URLs or http(s) URLs", provider: PROVIDER, param: "messages" }));
  });
};

const assistantBlocks = (message: Extract<Message, { role: "assistant" }>): Effect.Effect<ContentBlock[], BadRequest> =>
  Effect.gen(function* () {
    const blocks: ContentBlock[] = message.content ? [{ type: "text", text: message.content }] : [];
    for (const call of message.toolCalls ?? []) {
      const input = yield* parseToolArguments(call, PROVIDER);
      blocks.push({ type: "tool_use", id: call.id, name: call.name, input });
    }
    return blocks;
  });

/** Anthropic wants strictly alternating turns, so consecutive same-role turns are merged. */
const pushTurn = (messages: AnthropicMessage[], role: AnthropicMessage["role"], content: ContentBlock[]): void => {
  const last = messages.at(-1);
  if (last && last.role === role) last.content.push(...content);
  else messages.push({ role, content });
};

const jsonTool = (format: Exclude<ResponseFormat, { type: "text" }>): AnthropicTool =>
  format.type === "json_schema"
    ? { name: ANTHROPIC_JSON_TOOL, description: format.description ?? `Respond with a JSON object matching the "${format.name}" schema.`, input_schema: format.schema }
    : { name: ANTHROPIC_JSON_TOOL, description: "Respond with a JSON object.", input_schema: { type: "object", additionalProperties: true } };

const toolChoice = (request: ChatRequest, forcedJson: boolean): AnthropicToolChoice | undefined => {
  const parallel = request.parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  if (forcedJson) return request.tools?.length ? { type: "any", ...parallel } : { type: "tool", name: ANTHROPIC_JSON_TOOL };
  const choice = request.toolChoice;
  if (choice === undefined) return request.tools?.length && request.parallelToolCalls === false ? { type: "auto", ...parallel } : undefined;
  if (choice === "auto") return { type: "auto", ...parallel };
  if (choice === "none") return { type: "none" };
  if (choice === "required") return { type: "any", ...parallel };
  return { type: "tool", name: choice.name, ...parallel };
};

/**
 * Builds the Messages API body. System turns are hoisted into `system`; tool results become
 * `tool_result` blocks in a user turn; images become base64 or URL sources.
 * JSON output (`responseFormat` json / json_schema) is done with a forced tool named
 * `json` whose `input_schema` is the schema: Anthropic has no JSON mode, and a tool's input
 * is the one place its output is schema-constrained. The adapter turns that tool's input
 * back into the answer's text. With caller tools present the JSON tool is added beside
 * them and `tool_choice` becomes `any`.
 * `seed`, `presencePenalty` and `frequencyPenalty` have no Anthropic equivalent and are not sent.
 * @example
 * const body = Effect.runSync(toAnthropicRequest({ messages: [{ role: "user", content: "Hi" }] }, "claude-haiku-4-5", 1024));
 */
export const toAnthropicRequest = (
  request: ChatRequest,
  modelId: string,
  defaultMaxTokens: number,
): Effect.Effect<AnthropicRequestBody, BadRequest> =>
  Effect.gen(function* () {
    const system: string[] = [];
    const messages: AnthropicMessage[] = [];
    for (const message of request.messages) {
      switch (message.role) {
        case "system":
          system.push(message.content);
          break;
        case "user":
          pushTurn(messages, "user", yield* userBlocks(message.content));
          break;
        case "assistant":
          pushTurn(messages, "assistant", yield* assistantBlocks(message));
          break;
        case "tool":
          pushTurn(messages, "user", [{ type: "tool_result", tool_use_id: message.toolCallId, content: message.content }]);
          break;
      }
    }
    if (messages.length === 0) {
      return yield* Effect.fail(new BadRequest({ message: "anthropic: at least one non-system message is required", provider: PROVIDER, param: "messages" }));
    }
    const format = request.responseFormat;
    const forcedJson = format !== undefined && format.type !== "text";
    const tools: AnthropicTool[] = (request.tools ?? []).map((t) => ({
      name: t.name,
      ...(t.description !== undefined ? { description: t.description } : {}),
      input_schema: t.parameters,
    }));
    if (forcedJson) tools.push(jsonTool(format));
    const choice = toolChoice(request, forcedJson);
    return {
      model: modelId,
      max_tokens: request.maxTokens ?? defaultMaxTokens,
      messages,
      ...(system.length ? { system: system.join("\n\n") } : {}),
      ...(tools.length ? { tools } : {}),
      ...(choice ? { tool_choice: choice } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.topP !== undefined ? { top_p: request.topP } : {}),
      ...(request.stop?.length ? { stop_sequences: request.stop } : {}),
      ...(request.user !== undefined ? { metadata: { user_id: request.user } } : {}),
      // Provider options (thinking, top_k, service_tier...) pass through untouched.
      ...request.providerOptions?.[PROVIDER],
    };
  });
