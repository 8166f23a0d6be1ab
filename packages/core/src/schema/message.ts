import { z } from "zod";

/**
 * A plain text part of a user message.
 * @example
 * const part: TextPart = { type: "text", text: "Hello" };
 */
export const TextPart = z.object({ type: z.literal("text"), text: z.string() });
export type TextPart = z.infer<typeof TextPart>;

/**
 * An image part: an `https:` URL or a `data:` URL (base64). Providers that take only
 * inline images download nothing: they receive data URLs as-is and reject others clearly.
 * @example
 * const part: ImagePart = { type: "image", url: "data:image/png;base64,iVBOR..." };
 */
export const ImagePart = z.object({
  type: z.literal("image"),
  url: z.string().min(1),
  mediaType: z.string().optional(),
  detail: z.enum(["auto", "low", "high"]).optional(),
});
export type ImagePart = z.infer<typeof ImagePart>;

/**
 * A tool call the assistant made; `arguments` is the JSON text exactly as the model wrote it.
 * @example
 * const call: ToolCall = { id: "call_1", name: "get_weather", arguments: '{"city":"Oslo"}' };
 */
export const ToolCall = z.object({ id: z.string(), name: z.string(), arguments: z.string() });
export type ToolCall = z.infer<typeof ToolCall>;

/** A system instruction. @example const m: SystemMessage = { role: "system", content: "Be brief." }; */
export const SystemMessage = z.object({ role: z.literal("system"), content: z.string() });
export type SystemMessage = z.infer<typeof SystemMessage>;

/** A user turn: text, or text and image parts. @example const m: UserMessage = { role: "user", content: "Hi" }; */
export const UserMessage = z.object({
  role: z.literal("user"),
  content: z.union([z.string(), z.array(z.discriminatedUnion("type", [TextPart, ImagePart]))]),
});
export type UserMessage = z.infer<typeof UserMessage>;

/**
 * An assistant turn: text, tool calls, or both.
 * @example
 * const m: AssistantMessage = { role: "assistant", content: null, toolCalls: [{ id: "c1", name: "f", arguments: "{}" }] };
 */
export const AssistantMessage = z.object({
  role: z.literal("assistant"),
  content: z.string().nullable().optional(),
  toolCalls: z.array(ToolCall).optional(),
});
export type AssistantMessage = z.infer<typeof AssistantMessage>;

/** The result of a tool call, sent back to the model. @example const m: ToolMessage = { role: "tool", toolCallId: "c1", content: "12°C" }; */
export const ToolMessage = z.object({ role: z.literal("tool"), toolCallId: z.string(), content: z.string() });
export type ToolMessage = z.infer<typeof ToolMessage>;

/** Any message of a conversation. @example const ms: Message[] = [{ role: "user", content: "Hi" }]; */
export const Message = z.discriminatedUnion("role", [SystemMessage, UserMessage, AssistantMessage, ToolMessage]);
export type Message = z.infer<typeof Message>;
