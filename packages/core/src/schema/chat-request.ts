import { z } from "zod";
import { Message } from "./message.js";

/**
 * A function the model may call; `parameters` is a JSON Schema object.
 * @example
 * const tool: Tool = { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } };
 */
export const Tool = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()),
  strict: z.boolean().optional(),
});
export type Tool = z.infer<typeof Tool>;

/** Whether and which tool the model must call. @example const c: ToolChoice = { name: "get_weather" }; */
export const ToolChoice = z.union([z.enum(["auto", "none", "required"]), z.object({ name: z.string() })]);
export type ToolChoice = z.infer<typeof ToolChoice>;

/**
 * The answer's format: free text, any JSON object, or JSON matching a schema.
 * @example
 * const f: ResponseFormat = { type: "json_schema", name: "answer", schema: { type: "object" } };
 */
export const ResponseFormat = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }),
  z.object({ type: z.literal("json") }),
  z.object({
    type: z.literal("json_schema"),
    name: z.string().min(1),
    schema: z.record(z.string(), z.unknown()),
    strict: z.boolean().optional(),
    description: z.string().optional(),
  }),
]);
export type ResponseFormat = z.infer<typeof ResponseFormat>;

/**
 * The provider-neutral chat request every route and provider speaks.
 * @example
 * const req: ChatRequest = { messages: [{ role: "user", content: "Say hi" }], maxTokens: 50 };
 */
export const ChatRequest = z.object({
  messages: z.array(Message).min(1),
  tools: z.array(Tool).optional(),
  toolChoice: ToolChoice.optional(),
  responseFormat: ResponseFormat.optional(),
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().min(0).max(1).optional(),
  maxTokens: z.number().int().positive().optional(),
  stop: z.array(z.string()).max(16).optional(),
  seed: z.number().int().optional(),
  presencePenalty: z.number().min(-2).max(2).optional(),
  frequencyPenalty: z.number().min(-2).max(2).optional(),
  parallelToolCalls: z.boolean().optional(),
  /** End-user id: used for sticky A/B assignment and passed to providers that take it. */
  user: z.string().optional(),
  /** Free-form tags carried into traces (never sent upstream). */
  metadata: z.record(z.string(), z.string()).optional(),
  /** Provider-specific options keyed by provider name, passed through untouched. */
  providerOptions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});
export type ChatRequest = z.infer<typeof ChatRequest>;
