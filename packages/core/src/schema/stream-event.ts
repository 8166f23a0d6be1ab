import { z } from "zod";
import { FinishReason } from "./chat-response.js";
import { Usage } from "./usage.js";

/**
 * One event of a streamed answer. Tool calls stream as deltas keyed by `index`: the first
 * delta of a call carries `id` and `name`, later ones only more of `argumentsDelta`.
 * @example
 * const ev: StreamEvent = { type: "text-delta", delta: "Hel" };
 */
export const StreamEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("response-metadata"), id: z.string().optional(), model: z.string().optional() }),
  z.object({ type: z.literal("text-delta"), delta: z.string() }),
  z.object({ type: z.literal("reasoning-delta"), delta: z.string() }),
  z.object({
    type: z.literal("tool-call-delta"),
    index: z.number().int().nonnegative(),
    id: z.string().optional(),
    name: z.string().optional(),
    argumentsDelta: z.string(),
  }),
  z.object({ type: z.literal("usage"), usage: Usage }),
  z.object({ type: z.literal("finish"), finishReason: FinishReason }),
]);
export type StreamEvent = z.infer<typeof StreamEvent>;

/**
 * True for the events that put content in front of the caller: once one of these has been
 * delivered, a stream may no longer fall back to another model.
 * @example
 * isContentEvent({ type: "text-delta", delta: "a" }); // true
 */
export const isContentEvent = (ev: StreamEvent): boolean =>
  ev.type === "text-delta" || ev.type === "reasoning-delta" || ev.type === "tool-call-delta";
