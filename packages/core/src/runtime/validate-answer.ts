import type { ValidateOptions } from "../graph/route-spec.js";
import type { ChatResponse } from "../schema/index.js";

/** A validator's verdict on one answer. */
export type AnswerVerdict = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string; readonly issues: ReadonlyArray<string> };

const FENCE = /^```(?:json)?\s*([\s\S]*?)\s*```$/;

/** The JSON text of an answer: its content without a Markdown code fence around it. */
const jsonText = (content: string): string => {
  const trimmed = content.trim();
  return FENCE.exec(trimmed)?.[1] ?? trimmed;
};

/**
 * Checks an answer against a route's validator: JSON parse and zod schema when there is a
 * schema, then the user's check. Returns the parsed value on success.
 * @example
 * validateAnswer(response, { schema: z.object({ ok: z.boolean() }) });
 */
export const validateAnswer = (response: ChatResponse, options: ValidateOptions): AnswerVerdict => {
  let value: unknown = response.message.content;
  if (options.schema !== undefined) {
    const content = response.message.content;
    if (content === null || content.trim() === "") return { ok: false, reason: "the answer has no content to validate", issues: ["empty content"] };
    let parsed: unknown;
    try {
      parsed = JSON.parse(jsonText(content));
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      return { ok: false, reason: `the answer is not valid JSON (${msg})`, issues: [msg] };
    }
    const result = options.schema.safeParse(parsed);
    if (!result.success) {
      const issues = result.error.issues.map((i) => `${i.path.length ? i.path.map(String).join(".") : "(root)"}: ${i.message}`);
      return { ok: false, reason: `the answer does not match the schema: ${issues.join("; ")}`, issues };
    }
    value = result.data;
  }
  if (options.check !== undefined) {
    let verdict: ReturnType<NonNullable<ValidateOptions["check"]>>;
    try {
      verdict = options.check(response, value);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      return { ok: false, reason: `the check threw: ${msg}`, issues: [msg] };
    }
    if (verdict === false) return { ok: false, reason: "the answer failed the route's check", issues: ["check returned false"] };
    if (typeof verdict === "object" && !verdict.ok) return { ok: false, reason: verdict.reason, issues: [verdict.reason] };
  }
  return { ok: true, value };
};

/**
 * The request that re-asks a model to fix an invalid answer: the conversation, its answer,
 * and the validation error.
 * @example
 * const retry = repairRequest(request, response, "answer.name: Required");
 */
export const repairRequest = <R extends { readonly messages: ReadonlyArray<unknown> }>(request: R, response: ChatResponse, reason: string): R => ({
  ...request,
  messages: [
    ...request.messages,
    { role: "assistant", content: response.message.content ?? "" },
    { role: "user", content: `Your previous answer was rejected: ${reason}. Reply again with only the corrected answer.` },
  ],
});
