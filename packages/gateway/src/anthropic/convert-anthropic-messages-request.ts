import type { ChatRequest, Message, TextPart, ImagePart } from "@switchyard/core";
import type { AnthropicMessagesRequest } from "./anthropic-messages-request.js";

type Block = Exclude<AnthropicMessagesRequest["messages"][number]["content"], string>[number];

const imageUrl = (b: Extract<Block, { type: "image" }>): ImagePart =>
  b.source.type === "url"
    ? { type: "image", url: b.source.url }
    : { type: "image", url: `data:${b.source.media_type};base64,${b.source.data}`, mediaType: b.source.media_type };

const toolResultText = (b: Extract<Block, { type: "tool_result" }>): string => {
  if (b.content === undefined) return "";
  if (typeof b.content === "string") return b.content;
  return b.content.map((p) => (p.type === "text" ? p.text : "[image]")).join("");
};

/** A user turn may hold tool results (→ tool messages, first) and text/images (→ one user message). */
const convertUser = (content: string | ReadonlyArray<Block>): Message[] => {
  if (typeof content === "string") return [{ role: "user", content }];
  const out: Message[] = [];
  const parts: Array<TextPart | ImagePart> = [];
  for (const b of content) {
    if (b.type === "tool_result") out.push({ role: "tool", toolCallId: b.tool_use_id, content: toolResultText(b) });
    else if (b.type === "text") parts.push({ type: "text", text: b.text });
    else if (b.type === "image") parts.push(imageUrl(b));
  }
  if (parts.length > 0) {
    out.push({ role: "user", content: parts.every((p) => p.type === "text") ? parts.map((p) => (p as TextPart).text).join("") : parts });
  }
  return out;
};

const convertAssistant = (content: string | ReadonlyArray<Block>): Message => {
  if (typeof content === "string") return { role: "assistant", content };
  const text = content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("");
  const calls = content.flatMap((b) => (b.type === "tool_use" ? [{ id: b.id, name: b.name, arguments: JSON.stringify(b.input ?? {}) }] : []));
  return { role: "assistant", content: text === "" && calls.length > 0 ? null : text, ...(calls.length > 0 ? { toolCalls: calls } : {}) };
};

/**
 * Maps a validated Anthropic Messages request to Switchyard's `ChatRequest`.
 * @example
 * const req = convertAnthropicMessagesRequest(AnthropicMessagesRequest.parse(body));
 */
export const convertAnthropicMessagesRequest = (body: AnthropicMessagesRequest): ChatRequest => {
  const messages: Message[] = [];
  if (body.system !== undefined) {
    const text = typeof body.system === "string" ? body.system : body.system.map((b) => b.text).join("\n");
    if (text !== "") messages.push({ role: "system", content: text });
  }
  for (const m of body.messages) {
    if (m.role === "user") messages.push(...convertUser(m.content));
    else messages.push(convertAssistant(m.content));
  }
  const out: ChatRequest = { messages, maxTokens: body.max_tokens };
  if (body.tools) out.tools = body.tools.map((t) => ({ name: t.name, parameters: t.input_schema, ...(t.description !== undefined ? { description: t.description } : {}) }));
  if (body.tool_choice) {
    const c = body.tool_choice;
    out.toolChoice = c.type === "auto" ? "auto" : c.type === "any" ? "required" : c.type === "none" ? "none" : { name: c.name };
    if ("disable_parallel_tool_use" in c && c.disable_parallel_tool_use === true) out.parallelToolCalls = false;
  }
  if (body.stop_sequences) out.stop = body.stop_sequences;
  if (body.temperature !== undefined) out.temperature = body.temperature;
  if (body.top_p !== undefined) out.topP = body.top_p;
  if (body.metadata?.user_id != null) out.user = body.metadata.user_id;
  return out;
};
