import type { LanguageModelV3CallOptions, LanguageModelV3DataContent, LanguageModelV3ToolResultOutput, SharedV3Warning } from "@ai-sdk/provider";
import { UnsupportedFunctionalityError } from "@ai-sdk/provider";
import type { ChatRequest, ImagePart, Message, TextPart, ToolCall } from "@switchyard/core";

const dataUrl = (data: LanguageModelV3DataContent, mediaType: string): string => {
  if (data instanceof URL) return data.toString();
  const base64 = typeof data === "string" ? data : Buffer.from(data).toString("base64");
  return `data:${mediaType};base64,${base64}`;
};

const toolOutputText = (output: LanguageModelV3ToolResultOutput): string => {
  switch (output.type) {
    case "text":
    case "error-text":
      return output.value;
    case "json":
    case "error-json":
      return JSON.stringify(output.value);
    case "execution-denied":
      return output.reason ?? "Tool execution denied.";
    case "content":
      return output.value.map((p) => (p.type === "text" ? p.text : "")).join("");
  }
};

/**
 * Converts AI SDK v3 call options (what `generateText`/`streamText` hand a model) into a
 * Switchyard request. What a route cannot carry is reported as AI SDK warnings (topK,
 * provider-executed tools, non-image files), never silently dropped.
 * @example
 * const { request, warnings } = fromV3CallOptions({ prompt: [{ role: "user", content: [{ type: "text", text: "Hi" }] }] });
 */
export const fromV3CallOptions = (options: LanguageModelV3CallOptions): { request: ChatRequest; warnings: SharedV3Warning[] } => {
  const warnings: SharedV3Warning[] = [];
  const messages: Message[] = [];
  for (const message of options.prompt) {
    switch (message.role) {
      case "system":
        messages.push({ role: "system", content: message.content });
        break;
      case "user": {
        const parts: Array<TextPart | ImagePart> = [];
        for (const part of message.content) {
          if (part.type === "text") parts.push({ type: "text", text: part.text });
          else if (part.mediaType.startsWith("image/")) parts.push({ type: "image", url: dataUrl(part.data, part.mediaType), mediaType: part.mediaType });
          else throw new UnsupportedFunctionalityError({ functionality: `file parts of type ${part.mediaType}` });
        }
        messages.push({ role: "user", content: parts });
        break;
      }
      case "assistant": {
        let text = "";
        const toolCalls: ToolCall[] = [];
        for (const part of message.content) {
          if (part.type === "text") text += part.text;
          else if (part.type === "tool-call" && !part.providerExecuted) {
            toolCalls.push({ id: part.toolCallId, name: part.toolName, arguments: JSON.stringify(part.input ?? {}) });
          }
          // reasoning, files and provider-executed results of earlier turns are not replayed upstream.
        }
        messages.push({ role: "assistant", content: text === "" ? null : text, ...(toolCalls.length ? { toolCalls } : {}) });
        break;
      }
      case "tool":
        for (const part of message.content) {
          if (part.type === "tool-result") messages.push({ role: "tool", toolCallId: part.toolCallId, content: toolOutputText(part.output) });
        }
        break;
    }
  }
  const tools = (options.tools ?? []).flatMap((tool) => {
    if (tool.type === "function") {
      return [{ name: tool.name, ...(tool.description !== undefined ? { description: tool.description } : {}), parameters: tool.inputSchema as Record<string, unknown> }];
    }
    warnings.push({ type: "unsupported", feature: `provider tool ${tool.id}` });
    return [];
  });
  if (options.topK !== undefined) warnings.push({ type: "unsupported", feature: "topK" });
  const format = options.responseFormat;
  const choice = options.toolChoice;
  const request: ChatRequest = {
    messages,
    ...(tools.length ? { tools } : {}),
    ...(choice === undefined ? {} : { toolChoice: choice.type === "tool" ? { name: choice.toolName } : choice.type }),
    ...(format === undefined
      ? {}
      : format.type === "text"
        ? { responseFormat: { type: "text" } }
        : format.schema
          ? {
              responseFormat: {
                type: "json_schema",
                name: format.name ?? "response",
                schema: format.schema as Record<string, unknown>,
                ...(format.description ? { description: format.description } : {}),
              },
            }
          : { responseFormat: { type: "json" } }),
    ...(options.maxOutputTokens !== undefined ? { maxTokens: options.maxOutputTokens } : {}),
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    ...(options.topP !== undefined ? { topP: options.topP } : {}),
    ...(options.stopSequences?.length ? { stop: options.stopSequences } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.presencePenalty !== undefined ? { presencePenalty: options.presencePenalty } : {}),
    ...(options.frequencyPenalty !== undefined ? { frequencyPenalty: options.frequencyPenalty } : {}),
    ...(options.providerOptions ? { providerOptions: options.providerOptions } : {}),
  };
  return { request, warnings };
};
