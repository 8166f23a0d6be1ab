import { z } from "zod";
import type { RawResponse } from "./raw-http.js";

/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
export const OpenAIErrorBody = z.object({
  error: z.object({ message: z.string().min(1), type: z.string().min(1), param: z.string().nullable().optional(), code: z.string().nullable().optional() }),
});

/** Anthropic's error body: `{ type: "error", error: { type, message } }`. */
export const AnthropicErrorBody = z.object({ type: z.literal("error"), error: z.object({ type: z.string().min(1), message: z.string().min(1) }) });

/**
 * Why a response breaks the bad-input contract, or undefined when it keeps it: no 5xx, no
 * empty reply, and every error a JSON body in the endpoint's wire format.
 * @example
 * expect(contractViolation(res, "/v1/messages")).toBeUndefined();
 */
export const contractViolation = (res: RawResponse, path: string, opts: { readonly mustReject?: boolean } = {}): string | undefined => {
  if (res.status === 0) return "no HTTP response (connection closed)";
  if (res.status >= 500) return `status ${res.status}: ${res.body.slice(0, 200)}`;
  if (opts.mustReject === true && res.status < 400) return `accepted (${res.status}) a request that must be rejected: ${res.body.slice(0, 200)}`;
  if (res.status < 400) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch {
    return `status ${res.status} with a non-JSON body: ${JSON.stringify(res.body.slice(0, 120))}`;
  }
  const schema = path.split("?")[0] === "/v1/messages" ? AnthropicErrorBody : OpenAIErrorBody;
  const parsed = schema.safeParse(json);
  return parsed.success ? undefined : `status ${res.status} with a body not in the endpoint's error format: ${res.body.slice(0, 200)}`;
};
