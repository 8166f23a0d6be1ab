import type { Message } from "@switchyard/core";

/** A Chat Completions message as sent on the wire. */
export type OpenAICompatibleChatMessage =
  | { role: "system" | "developer"; content: string }
  | {
      role: "user";
      content:
        | string
        | Array<{ type: "text"; text: string } | { type: "image_url"; image_url: { url: string; detail?: "auto" | "low" | "high" } }>;
    }
  | {
      role: "assistant";
      content: string | null;
      tool_calls?: Array<{ id: string; type: "function"; function: { name: string; arguments: string } }>;
    }
  | { role: "tool"; tool_call_id: string; content: string };

/**
 * Converts Switchyard messages to Chat Completions messages: image parts become
 * `image_url` parts (https or data URLs, passed as-is), assistant tool calls become
 * `tool_calls`, tool results become `tool` messages. `systemRole: "developer"` is for
 * OpenAI reasoning models, which take instructions in the developer role.
 * @example
 * convertToOpenAICompatibleChatMessages([{ role: "user", content: "Hi" }]); // [{ role: "user", content: "Hi" }]
 */
export const convertToOpenAICompatibleChatMessages = (
  messages: ReadonlyArray<Message>,
  options: { readonly systemRole?: "system" | "developer" } = {},
): OpenAICompatibleChatMessage[] =>
  messages.map((m): OpenAICompatibleChatMessage => {
    switch (m.role) {
      case "system":
        return { role: options.systemRole ?? "system", content: m.content };
      case "user":
        return typeof m.content === "string"
          ? { role: "user", content: m.content }
          : {
              role: "user",
              content: m.content.map((p) =>
                p.type === "text"
                  ? { type: "text" as const, text: p.text }
                  : { type: "image_url" as const, image_url: { url: p.url, ...(p.detail ? { detail: p.detail } : {}) } },
              ),
            };
      case "assistant": {
        const calls = m.toolCalls ?? [];
        return {
          role: "assistant",
          // Chat Completions wants null (not "") next to tool calls, and a string otherwise.
          content: m.content ?? (calls.length > 0 ? null : ""),
          ...(calls.length > 0
            ? { tool_calls: calls.map((c) => ({ id: c.id, type: "function" as const, function: { name: c.name, arguments: c.arguments } })) }
            : {}),
        };
      }
      case "tool":
        return { role: "tool", tool_call_id: m.toolCallId, content: m.content };
    }
  });
