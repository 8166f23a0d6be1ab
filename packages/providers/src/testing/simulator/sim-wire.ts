import type { SimAnswer } from "./sim-answer.js";

/** Put in every answer so nobody mistakes the simulator for a model. */
export const SIM_FINGERPRINT = "switchyard-simulator";

interface Envelope {
  readonly id: string;
  readonly model: string;
  readonly created: number;
}

/**
 * A whole `chat.completion` object, exactly as OpenAI returns it.
 * @example
 * JSON.stringify(completionBody(answer, { id: "chatcmpl-1", model: "gpt-4o", created: 0 }));
 */
export const completionBody = (answer: SimAnswer, env: Envelope): Record<string, unknown> => ({
  id: env.id,
  object: "chat.completion",
  created: env.created,
  model: env.model,
  choices: [
    {
      index: 0,
      message: {
        role: "assistant",
        content: answer.text,
        ...(answer.reasoning !== undefined ? { reasoning_content: answer.reasoning } : {}),
        ...(answer.toolCalls.length > 0
          ? { tool_calls: answer.toolCalls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } })) }
          : {}),
        refusal: null,
      },
      logprobs: null,
      finish_reason: answer.finishReason,
    },
  ],
  usage: answer.usage,
  system_fingerprint: SIM_FINGERPRINT,
});

const splitText = (text: string, chunkChars: number | undefined): string[] => {
  if (text === "") return [];
  if (chunkChars !== undefined) {
    const out: string[] = [];
    for (let i = 0; i < text.length; i += chunkChars) out.push(text.slice(i, i + chunkChars));
    return out;
  }
  // One word (with its leading space) per chunk, like a tokenizer would roughly do.
  return text.match(/\s*\S+|\s+$/g) ?? [text];
};

/**
 * The `data:` payloads of a streamed answer (role chunk, reasoning, content, tool-call
 * deltas, finish chunk, the usage chunk when `include_usage`, then `[DONE]`), each one
 * SSE message. `usage: null` appears on every chunk when usage was asked for, as OpenAI does.
 * @example
 * for (const data of chunkPayloads(answer, env, { includeUsage: true })) res.write(`data: ${data}\n\n`);
 */
export const chunkPayloads = (
  answer: SimAnswer,
  env: Envelope,
  opts: { readonly includeUsage: boolean; readonly chunkChars?: number },
): string[] => {
  const head = `{"id":${JSON.stringify(env.id)},"object":"chat.completion.chunk","created":${env.created},"model":${JSON.stringify(env.model)},"system_fingerprint":"${SIM_FINGERPRINT}","choices":`;
  const tail = opts.includeUsage ? `,"usage":null}` : "}";
  const choice = (delta: Record<string, unknown>, finish: string | null = null): string =>
    `${head}[{"index":0,"delta":${JSON.stringify(delta)},"logprobs":null,"finish_reason":${finish === null ? "null" : JSON.stringify(finish)}}]${tail}`;
  const out: string[] = [choice({ role: "assistant", content: "", refusal: null })];
  if (answer.reasoning !== undefined) for (const piece of splitText(answer.reasoning, opts.chunkChars)) out.push(choice({ reasoning_content: piece }));
  if (answer.text !== null) for (const piece of splitText(answer.text, opts.chunkChars)) out.push(choice({ content: piece }));
  answer.toolCalls.forEach((call, index) => {
    out.push(choice({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.name, arguments: "" } }] }));
    for (const piece of splitText(call.arguments, opts.chunkChars ?? 8)) out.push(choice({ tool_calls: [{ index, function: { arguments: piece } }] }));
  });
  out.push(choice({}, answer.finishReason));
  if (opts.includeUsage) out.push(`${head}[],"usage":${JSON.stringify(answer.usage)}}`);
  out.push("[DONE]");
  return out;
};

const ERRORS: Record<number, { readonly message: string; readonly type: string; readonly code: string | null }> = {
  400: { message: "Invalid request (simulated).", type: "invalid_request_error", code: null },
  401: { message: "Incorrect API key provided (simulated).", type: "invalid_request_error", code: "invalid_api_key" },
  403: { message: "You are not allowed to use this model (simulated).", type: "invalid_request_error", code: null },
  404: { message: "The model does not exist or you do not have access to it (simulated).", type: "invalid_request_error", code: "model_not_found" },
  429: { message: "Rate limit reached for requests (simulated). Please try again later.", type: "requests", code: "rate_limit_exceeded" },
  500: { message: "The server had an error while processing your request (simulated).", type: "server_error", code: null },
  502: { message: "Bad gateway (simulated).", type: "server_error", code: null },
  503: { message: "The engine is currently overloaded, please try again later (simulated).", type: "server_error", code: null },
  504: { message: "Gateway timeout (simulated).", type: "server_error", code: null },
};

/**
 * An OpenAI-style error body for a status.
 * @example
 * errorBody(429); // { error: { message: "Rate limit reached...", type: "requests", param: null, code: "rate_limit_exceeded" } }
 */
export const errorBody = (status: number, message?: string): Record<string, unknown> => {
  const known = ERRORS[status] ?? { message: `Simulated HTTP ${status}.`, type: status >= 500 ? "server_error" : "invalid_request_error", code: null };
  return { error: { message: message ?? known.message, type: known.type, param: null, code: known.code } };
};

/**
 * A deterministic embedding for a string: a cheap hash spread over `dimensions`, unit length.
 * @example
 * simulatedEmbedding("hello", 8).length; // 8
 */
export const simulatedEmbedding = (text: string, dimensions: number): number[] => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  const out: number[] = [];
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    const v = (h / 0xffffffff) * 2 - 1;
    out.push(v);
    norm += v * v;
  }
  const scale = norm === 0 ? 1 : 1 / Math.sqrt(norm);
  return out.map((v) => v * scale);
};
