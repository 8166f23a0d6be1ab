import { benchRequest } from "./bench-routes.js";

/** A system under test: where to send the load and how to address the model. */
export interface HttpTarget {
  readonly name: string;
  /** Full URL of the chat-completions endpoint. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The `model` field this target routes on. */
  readonly model: string;
  /** The process serving it, when the benchmark should report its CPU per request. */
  readonly pid?: number;
}

/**
 * The OpenAI chat-completions body every target receives (the same request as the library
 * benchmark), streaming or not.
 * @example
 * const body = chatBody("one", false);
 */
export const chatBody = (model: string, stream: boolean): string =>
  JSON.stringify({ model, messages: benchRequest.messages, max_tokens: benchRequest.maxTokens, ...(stream ? { stream: true } : {}) });

/**
 * Sends one request and checks that it really answered (status 200 and an answer in the
 * body), so a benchmark never measures error responses by mistake.
 * @example
 * await checkTarget(target, '"answer"');
 */
export const checkTarget = async (target: HttpTarget, expected: string, stream = false): Promise<void> => {
  const res = await fetch(target.url, { method: "POST", headers: { "content-type": "application/json", ...target.headers }, body: chatBody(target.model, stream) });
  const text = await res.text();
  if (res.status !== 200 || !text.includes(expected)) throw new Error(`${target.name}: expected 200 with ${expected}, got ${res.status}: ${text.slice(0, 300)}`);
};
