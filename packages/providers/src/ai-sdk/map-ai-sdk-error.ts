import { APICallError, InvalidArgumentError, InvalidPromptError, UnsupportedFunctionalityError } from "@ai-sdk/provider";
import { BadRequest, Unavailable, type ProviderError } from "@switchyard/core";
import { mapHttpError } from "../kit/map-http-error.js";

/**
 * Maps what an AI SDK model throws to a Switchyard error. `APICallError` goes through the
 * same status/body/Retry-After mapping as every native adapter (its `statusCode`,
 * `responseHeaders` and `responseBody`); one without a status is a connection failure
 * (`Unavailable`). `redact` lists secrets (the model's API key) to mask if an upstream
 * echoes them; key-shaped strings are masked regardless. Prompt and argument errors are `BadRequest`; anything else (invalid
 * response data, JSON parse errors) means the upstream broke: `Unavailable`.
 * @example
 * const err = mapAiSdkError(new APICallError({ message: "x", url: "u", requestBodyValues: {}, statusCode: 429 }), { provider: "openai", model: "gpt-4o" });
 * err._tag; // "RateLimited"
 */
export const mapAiSdkError = (
  error: unknown,
  ctx: { readonly provider: string; readonly model: string },
  redact: ReadonlyArray<string> = [],
): ProviderError => {
  const clean = (text: string) => redact.reduce((out, secret) => (secret.length >= 4 ? out.split(secret).join("[redacted]") : out), text);
  if (APICallError.isInstance(error)) {
    if (error.statusCode === undefined) {
      return new Unavailable({ message: clean(`${ctx.provider}: ${error.message}`), ...ctx });
    }
    return mapHttpError({
      status: error.statusCode,
      headers: new Headers(error.responseHeaders ?? {}),
      bodyText: error.responseBody ?? JSON.stringify({ error: { message: error.message } }),
      ...ctx,
      redact,
    });
  }
  if (InvalidPromptError.isInstance(error) || InvalidArgumentError.isInstance(error) || UnsupportedFunctionalityError.isInstance(error)) {
    return new BadRequest({ message: clean(`${ctx.provider}: ${error.message}`), ...ctx });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new Unavailable({ message: clean(`${ctx.provider}: ${message}`), ...ctx });
};
