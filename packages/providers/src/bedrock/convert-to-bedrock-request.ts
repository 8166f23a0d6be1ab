import { BadRequest, type ChatRequest, type Message } from "@switchyard/core";
import * as Effect from "effect/Effect";
import { parseDataUrl } from "../kit/parse-data-url.js";
import { parseToolArguments } from "../kit/parse-tool-arguments.js";

const PROVIDER = "bedrock";

/** Name of the tool the adapter forces when the caller asks for JSON output. */
export const BEDROCK_JSON_TOOL = "json";

type ContentBlock =
  | { text: string }
  | { image: { format: string; source: { bytes: string } } }
  | { toolUse: { toolUseId: string; name: string; input: unknown } }
  | { toolResult: { toolUseId: string; content: Array<{ text: string }> } };

interface BedrockMessage {
  role: "user" | "assistant";
  content: ContentBlock[];
}

interface BedrockTool {
  toolSpec: { name: string; description?: string; inputSchema: { json: Record<string, unknown> } };
}

/** The JSON body of `POST /model/{modelId}/converse`. @example const b: BedrockConverseBody = { messages: [] }; */
export interface BedrockConverseBody {
  messages: BedrockMessage[];
  system?: Array<{ text: string }>;
  inferenceConfig?: { maxTokens?: number; temperature?: number; topP?: number; stopSequences?: string[] };
  toolConfig?: { tools: BedrockTool[]; toolChoice?: { auto: Record<string, never> } | { any: Record<string, never> } | { tool: { name: string } } };
  additionalModelRequestFields?: Record<string, unknown>;
  [extra: string]: unknown;
}

const IMAGE_FORMATS: Readonly<Record<string, string>> = { "image/png": "png", "image/jpeg": "jpeg", "image/jpg": "jpeg", "image/gif": "gif", "image/webp": "webp" };

const userBlocks = (content: Extract<Message, { role: "user" }>["content"]): Effect.Effect<ContentBlock[], BadRequest> => {
  if (typeof content === "string") return Effect.succeed([{ text: content }]);
  return Effect.forEach(content, (part): Effect.Effect<ContentBlock, BadRequest> => {
    if (part.type === "text") return Effect.succeed({ text: part.text });
    const inline = parseDataUrl(part.url, part.mediaType);
    const format = inline ? IMAGE_FORMATS[inline.mediaType.toLowerCase()] : undefined;
    if (inline && format) return Effect.succeed({ image: { format, source: { bytes: inline.base64 } } });
    return Effect.fail(
      new BadRequest({ message: "bedrock: image parts must be base64 data: URLs of png, jpeg, gif or webp", provider: PROVIDER, param: "messages" }),
    );
  });
};

const pushTurn = (messages: BedrockMessage[], role: BedrockMessage["role"], content: ContentBlock[]): void => {
  const last = messages.at(-1);
  if (last && last.role === role) last.content.push(...content);
  else messages.push({ role, content });
};

const toolChoice = (request: ChatRequest, forcedJson: boolean): NonNullable<BedrockConverseBody["toolConfig"]>["toolChoice"] => {
  if (forcedJson) return request.tools?.length ? { any: {} } : { tool: { name: BEDROCK_JSON_TOOL } };
  const choice = request.toolChoice;
  // Converse has no "none": the tools stay declared (history may reference them) and the model decides.
  if (choice === undefined || choice === "none") return undefined;
  if (choice === "auto") return { auto: {} };
  if (choice === "required") return { any: {} };
  return { tool: { name: choice.name } };
};

/**
 * Builds a Converse body: system turns go to `system`, images to `image.source.bytes`,
 * assistant tool calls to `toolUse` and tool results to `toolResult` blocks of a user turn.
 * JSON output, which Converse has no mode for, is a forced tool named `json` whose
 * `inputSchema` is the schema; the adapter returns that tool's input as the text.
 * Options under `providerOptions.bedrock` merge into the body (`additionalModelRequestFields`,
 * `guardrailConfig`, `performanceConfig`...).
 * @example
 * const body = Effect.runSync(toBedrockRequest({ messages: [{ role: "user", content: "Hi" }] }));
 */
export const toBedrockRequest = (request: ChatRequest): Effect.Effect<BedrockConverseBody, BadRequest> =>
  Effect.gen(function* () {
    const system: Array<{ text: string }> = [];
    const messages: BedrockMessage[] = [];
    for (const message of request.messages) {
      switch (message.role) {
        case "system":
          system.push({ text: message.content });
          break;
        case "user":
          pushTurn(messages, "user", yield* userBlocks(message.content));
          break;
        case "assistant": {
          const blocks: ContentBlock[] = message.content ? [{ text: message.content }] : [];
          for (const call of message.toolCalls ?? []) {
            blocks.push({ toolUse: { toolUseId: call.id, name: call.name, input: yield* parseToolArguments(call, PROVIDER) } });
          }
          pushTurn(messages, "assistant", blocks);
          break;
        }
        case "tool":
          pushTurn(messages, "user", [{ toolResult: { toolUseId: message.toolCallId, content: [{ text: message.content }] } }]);
          break;
      }
    }
    if (messages.length === 0) {
      return yield* Effect.fail(new BadRequest({ message: "bedrock: at least one non-system message is required", provider: PROVIDER, param: "messages" }));
    }
    const format = request.responseFormat;
    const forcedJson = format !== undefined && format.type !== "text";
    const tools: BedrockTool[] = (request.tools ?? []).map((t) => ({
      toolSpec: { name: t.name, ...(t.description !== undefined ? { description: t.description } : {}), inputSchema: { json: t.parameters } },
    }));
    if (forcedJson) {
      tools.push({
        toolSpec: {
          name: BEDROCK_JSON_TOOL,
          description: format.type === "json_schema" ? (format.description ?? `Respond with a JSON object matching the "${format.name}" schema.`) : "Respond with a JSON object.",
          inputSchema: { json: format.type === "json_schema" ? format.schema : { type: "object" } },
        },
      });
    }
    const choice = toolChoice(request, forcedJson);
    // Field by field: on Node 20 a literal of conditional spreads gets a hidden class per request.
    const inference: NonNullable<BedrockConverseBody["inferenceConfig"]> = {};
    if (request.maxTokens !== undefined) inference.maxTokens = request.maxTokens;
    if (request.temperature !== undefined) inference.temperature = request.temperature;
    if (request.topP !== undefined) inference.topP = request.topP;
    if (request.stop?.length) inference.stopSequences = [...request.stop];
    return {
      messages,
      ...(system.length ? { system } : {}),
      ...(Object.keys(inference).length ? { inferenceConfig: inference } : {}),
      ...(tools.length ? { toolConfig: { tools, ...(choice ? { toolChoice: choice } : {}) } } : {}),
      ...request.providerOptions?.[PROVIDER],
    };
  });
