import type { ChatRequest, ChatResponse, Message } from "../schema/index.js";

/** One part of a message in the GenAI semantic conventions' message format. */
type GenAiPart =
  | { readonly type: "text"; readonly content: string }
  | { readonly type: "reasoning"; readonly content: string }
  | { readonly type: "uri"; readonly modality: "image"; readonly uri: string }
  | { readonly type: "tool_call"; readonly id: string; readonly name: string; readonly arguments: string }
  | { readonly type: "tool_call_response"; readonly id: string; readonly response: string };

interface GenAiMessage {
  readonly role: string;
  readonly parts: ReadonlyArray<GenAiPart>;
  readonly finish_reason?: string;
}

/** Maps our finish reasons to the conventions' spelling (`tool-calls` → `tool_calls`). */
export const toGenAiFinishReason = (reason: string): string => reason.replaceAll("-", "_");

// Inline images are data: URLs of many kilobytes; a trace should say an image was there, not carry it.
const describeImage = (url: string): string =>
  url.startsWith("data:") ? `${url.slice(0, url.indexOf(",") + 1)}… (${url.length} chars omitted)` : url;

const text = (content: string, redact: (s: string) => string): GenAiPart => ({ type: "text", content: redact(content) });

const toGenAiMessage = (m: Message, redact: (s: string) => string): GenAiMessage => {
  switch (m.role) {
    case "system":
      return { role: "system", parts: [text(m.content, redact)] };
    case "user":
      return {
        role: "user",
        parts:
          typeof m.content === "string"
            ? [text(m.content, redact)]
            : m.content.map((p) => (p.type === "text" ? text(p.text, redact) : { type: "uri", modality: "image", uri: describeImage(p.url) })),
      };
    case "assistant":
      return {
        role: "assistant",
        parts: [
          ...(m.content ? [text(m.content, redact)] : []),
          ...(m.toolCalls ?? []).map((c): GenAiPart => ({ type: "tool_call", id: c.id, name: c.name, arguments: redact(c.arguments) })),
        ],
      };
    case "tool":
      return { role: "tool", parts: [{ type: "tool_call_response", id: m.toolCallId, response: redact(m.content) }] };
  }
};

/**
 * The request's messages as the JSON value of `gen_ai.input.messages`, every text passed
 * through `redact` first.
 * @example
 * inputMessagesJson({ messages: [{ role: "user", content: "Hi" }] }, (s) => s);
 * // '[{"role":"user","parts":[{"type":"text","content":"Hi"}]}]'
 */
export const inputMessagesJson = (request: ChatRequest, redact: (s: string) => string): string =>
  JSON.stringify(request.messages.map((m) => toGenAiMessage(m, redact)));

/**
 * The response as the JSON value of `gen_ai.output.messages`, texts passed through `redact`.
 * @example
 * outputMessagesJson(response, (s) => s.replaceAll(/\d{16}/g, "[card]"));
 */
export const outputMessagesJson = (response: ChatResponse, redact: (s: string) => string): string => {
  const { content, toolCalls, reasoning } = response.message;
  const parts: GenAiPart[] = [
    ...(reasoning ? [{ type: "reasoning" as const, content: redact(reasoning) }] : []),
    ...(content ? [text(content, redact)] : []),
    ...(toolCalls ?? []).map((c): GenAiPart => ({ type: "tool_call", id: c.id, name: c.name, arguments: redact(c.arguments) })),
  ];
  return JSON.stringify([{ role: "assistant", parts, finish_reason: toGenAiFinishReason(response.finishReason) }]);
};
