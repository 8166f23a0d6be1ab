import { z } from "zod";
import type { SimStep } from "./sim-script.js";

/** The part of an OpenAI chat-completions request the simulator reads; everything else is accepted and ignored. */
export const SimChatRequest = z.object({
  model: z.string().min(1),
  messages: z.array(z.object({ role: z.string(), content: z.unknown().optional() }).passthrough()).min(1),
  stream: z.boolean().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).passthrough().nullable().optional(),
  tools: z
    .array(z.object({ type: z.string(), function: z.object({ name: z.string(), parameters: z.unknown().optional() }).passthrough() }).passthrough())
    .optional(),
  tool_choice: z.unknown().optional(),
  response_format: z
    .object({ type: z.string(), json_schema: z.object({ schema: z.unknown().optional() }).passthrough().optional() })
    .passthrough()
    .optional(),
  max_tokens: z.number().int().positive().nullable().optional(),
  max_completion_tokens: z.number().int().positive().nullable().optional(),
});
export type SimChatRequest = z.infer<typeof SimChatRequest>;

/** A finished simulated answer, before it is put on the wire. */
export interface SimAnswer {
  readonly text: string | null;
  readonly reasoning?: string;
  readonly toolCalls: ReadonlyArray<{ readonly id: string; readonly name: string; readonly arguments: string }>;
  readonly finishReason: "stop" | "length" | "tool_calls" | "content_filter";
  readonly usage: {
    readonly prompt_tokens: number;
    readonly completion_tokens: number;
    readonly total_tokens: number;
    readonly prompt_tokens_details: { readonly cached_tokens: number };
    readonly completion_tokens_details: { readonly reasoning_tokens: number };
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A minimal value that satisfies a JSON Schema's type and required properties; cheap, for fake structured answers. */
export const exampleForSchema = (schema: unknown, depth = 0): unknown => {
  if (!isRecord(schema) || depth > 6) return "simulated";
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ("const" in schema) return schema.const;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object": {
      const props = isRecord(schema.properties) ? schema.properties : {};
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, exampleForSchema(v, depth + 1)]));
    }
    case "array":
      return [exampleForSchema(schema.items, depth + 1)];
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return "simulated";
  }
};

// ~4 characters per token is the usual rule of thumb; good enough for a stand-in.
const estimateTokens = (chars: number): number => Math.max(1, Math.ceil(chars / 4));

const promptChars = (req: SimChatRequest): number => {
  let n = 0;
  for (const m of req.messages) n += typeof m.content === "string" ? m.content.length : JSON.stringify(m.content ?? "").length;
  return n;
};

const lastUserText = (req: SimChatRequest): string => {
  for (let i = req.messages.length - 1; i >= 0; i--) {
    const m = req.messages[i];
    if (m?.role === "user") {
      if (typeof m.content === "string") return m.content;
      if (Array.isArray(m.content)) {
        const text = m.content.find((p): p is { text: string } => isRecord(p) && typeof p.text === "string");
        if (text) return text.text;
      }
    }
  }
  return "";
};

const defaultText = (req: SimChatRequest): string => {
  const prompt = lastUserText(req).slice(0, 80);
  return `This is a simulated answer from the Switchyard upstream simulator to: ${prompt}`;
};

const toolCallsFor = (req: SimChatRequest, step: SimStep, nextId: () => string): SimAnswer["toolCalls"] => {
  if (step.toolCalls === undefined) return [];
  if (step.toolCalls === "auto") {
    const tool = req.tools?.[0];
    if (!tool) return [];
    return [{ id: nextId(), name: tool.function.name, arguments: JSON.stringify(exampleForSchema(tool.function.parameters)) }];
  }
  return step.toolCalls.map((c) => ({
    id: nextId(),
    name: c.name,
    arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments ?? {}),
  }));
};

const contentFor = (req: SimChatRequest, step: SimStep): string => {
  if (step.json !== undefined) return JSON.stringify(step.json);
  if (step.text !== undefined) return step.text;
  const format = req.response_format?.type;
  if (format === "json_schema") return JSON.stringify(exampleForSchema(req.response_format?.json_schema?.schema));
  if (format === "json_object") return JSON.stringify({ answer: "simulated" });
  return defaultText(req);
};

/**
 * Computes the simulated answer for a request and a step: content (text, JSON, or a JSON
 * Schema example), tool calls, a `max_tokens` cut (finish "length"), and usage.
 * @example
 * const answer = buildAnswer(request, { text: "Hi" }, () => "call_1");
 */
export const buildAnswer = (req: SimChatRequest, step: SimStep, nextToolCallId: () => string): SimAnswer => {
  const toolCalls = toolCallsFor(req, step, nextToolCallId);
  let text: string | null = toolCalls.length > 0 && step.text === undefined && step.json === undefined ? null : contentFor(req, step);
  let finishReason: SimAnswer["finishReason"] = step.finishReason ?? (toolCalls.length > 0 ? "tool_calls" : "stop");
  const limit = req.max_completion_tokens ?? req.max_tokens ?? undefined;
  if (text !== null && limit != null && step.completionTokens === undefined && estimateTokens(text.length) > limit) {
    text = text.slice(0, limit * 4);
    finishReason = "length";
  }
  const outChars = (text?.length ?? 0) + (step.reasoning?.length ?? 0) + toolCalls.reduce((n, c) => n + c.name.length + c.arguments.length, 0);
  const promptTokens = step.promptTokens ?? estimateTokens(promptChars(req));
  const reasoningTokens = step.reasoningTokens ?? (step.reasoning ? estimateTokens(step.reasoning.length) : 0);
  const completionTokens = step.completionTokens ?? estimateTokens(outChars);
  return {
    text,
    ...(step.reasoning !== undefined ? { reasoning: step.reasoning } : {}),
    toolCalls,
    finishReason,
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: step.cachedTokens ?? 0 },
      completion_tokens_details: { reasoning_tokens: reasoningTokens },
    },
  };
};
