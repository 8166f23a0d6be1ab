import type { LanguageModelV3CallOptions, LanguageModelV3Message, LanguageModelV3Prompt, SharedV3ProviderOptions } from "@ai-sdk/provider";
import { BadRequest, type ChatRequest, type Message } from "@switchyard/core";
import * as Effect from "effect/Effect";
import { parseDataUrl } from "../kit/parse-data-url.js";
import { parseToolArguments } from "../kit/parse-tool-arguments.js";

type UserContent = Extract<LanguageModelV3Message, { role: "user" }>["content"];
type AssistantContent = Extract<LanguageModelV3Message, { role: "assistant" }>["content"];

const userContent = (content: Extract<Message, { role: "user" }>["content"]): UserContent =>
  typeof content === "string"
    ? [{ type: "text", text: content }]
    : content.map((part) => {
        if (part.type === "text") return { type: "text", text: part.text };
        const inline = parseDataUrl(part.url, part.mediaType);
        return inline
          ? { type: "file", mediaType: inline.mediaType, data: inline.base64 }
          : { type: "file", mediaType: part.mediaType ?? "image/*", data: new URL(part.url) };
      });

/**
 * Converts a Switchyard request to AI SDK v3 call options (the `LanguageModelV3` input):
 * images become `file` parts (base64 or URL), tool calls carry parsed input, tool results
 * carry the name of the call they answer, and `json_schema` becomes `{ type: "json", schema }`.
 * @example
 * const options = Effect.runSync(toV3CallOptions({ messages: [{ role: "user", content: "Hi" }] }, "openai"));
 */
export const toV3CallOptions = (request: ChatRequest, provider: string): Effect.Effect<LanguageModelV3CallOptions, BadRequest> =>
  Effect.gen(function* () {
    const prompt: LanguageModelV3Prompt = [];
    const callNames = new Map<string, string>();
    for (const message of request.messages) {
      switch (message.role) {
        case "system":
          prompt.push({ role: "system", content: message.content });
          break;
        case "user":
          prompt.push({ role: "user", content: userContent(message.content) });
          break;
        case "assistant": {
          const content: AssistantContent = message.content ? [{ type: "text", text: message.content }] : [];
          for (const call of message.toolCalls ?? []) {
            callNames.set(call.id, call.name);
            content.push({ type: "tool-call", toolCallId: call.id, toolName: call.name, input: yield* parseToolArguments(call, provider) });
          }
          prompt.push({ role: "assistant", content });
          break;
        }
        case "tool": {
          const toolName = callNames.get(message.toolCallId);
          if (toolName === undefined) {
            return yield* Effect.fail(
              new BadRequest({ message: `${provider}: tool result "${message.toolCallId}" answers no earlier tool call`, provider, param: "messages" }),
            );
          }
          prompt.push({ role: "tool", content: [{ type: "tool-result", toolCallId: message.toolCallId, toolName, output: { type: "text", value: message.content } }] });
          break;
        }
      }
    }
    const format = request.responseFormat;
    const choice = request.toolChoice;
    return {
      prompt,
      ...(request.maxTokens !== undefined ? { maxOutputTokens: request.maxTokens } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.topP !== undefined ? { topP: request.topP } : {}),
      ...(request.stop?.length ? { stopSequences: request.stop } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(request.presencePenalty !== undefined ? { presencePenalty: request.presencePenalty } : {}),
      ...(request.frequencyPenalty !== undefined ? { frequencyPenalty: request.frequencyPenalty } : {}),
      ...(format === undefined
        ? {}
        : format.type === "json_schema"
          ? { responseFormat: { type: "json", schema: format.schema, name: format.name, ...(format.description ? { description: format.description } : {}) } }
          : { responseFormat: { type: format.type } }),
      ...(request.tools?.length
        ? {
            tools: request.tools.map((t) => ({
              type: "function" as const,
              name: t.name,
              ...(t.description !== undefined ? { description: t.description } : {}),
              inputSchema: t.parameters,
            })),
          }
        : {}),
      ...(choice === undefined ? {} : { toolChoice: typeof choice === "string" ? { type: choice } : { type: "tool", toolName: choice.name } }),
      // The request schema keeps provider options as JSON-shaped records: exactly what the AI SDK takes.
      ...(request.providerOptions ? { providerOptions: request.providerOptions as SharedV3ProviderOptions } : {}),
    };
  });
