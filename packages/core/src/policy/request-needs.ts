import type { Capabilities, ChatRequest } from "../schema/index.js";

/**
 * The capabilities a request needs from a model: tools when it offers tools, vision when
 * a user message holds an image, json when it asks for a JSON answer, streaming when the
 * caller streams.
 * @example
 * requestNeeds({ messages: [{ role: "user", content: "hi" }], tools: [tool] }, false); // { tools: true, vision: false, json: false, streaming: false }
 */
export const requestNeeds = (request: ChatRequest, streaming: boolean): Capabilities => ({
  tools: request.tools !== undefined && request.tools.length > 0 && request.toolChoice !== "none",
  vision: request.messages.some((m) => m.role === "user" && typeof m.content !== "string" && m.content.some((p) => p.type === "image")),
  json: request.responseFormat !== undefined && request.responseFormat.type !== "text",
  streaming,
});

/**
 * True when `has` offers everything `needs` asks for.
 * @example
 * hasCapabilities({ tools: true, vision: false, json: true, streaming: true }, { tools: true }); // true
 */
export const hasCapabilities = (has: Capabilities, needs: Partial<Capabilities>): boolean =>
  (Object.keys(needs) as Array<keyof Capabilities>).every((k) => needs[k] !== true || has[k]);

/**
 * Whether the pick is for a streaming call. `PickContext` has no such field yet; when the
 * engine adds `stream: boolean` to it, this reads it, and until then it says false.
 */
export const isStreaming = (ctx: object): boolean => "stream" in ctx && ctx.stream === true;
