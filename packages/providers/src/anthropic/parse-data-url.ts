import { BadRequest } from "@switchyard/core";
import { Effect } from "effect";

/**
 * A decoded `data:` URL. Anthropic, Gemini and Bedrock take images inline as base64 plus a
 * media type, so their adapters share this parser. (It would sit in `kit/`, which another
 * team owns; it lives here until it moves.)
 * @example
 * const img: InlineData = { mediaType: "image/png", base64: "iVBORw0KGgo=" };
 */
export interface InlineData {
  readonly mediaType: string;
  readonly base64: string;
}

const DATA_URL = /^data:([^;,]+)?((?:;[^;,]+)*?);base64,(.*)$/s;

/**
 * Parses a base64 `data:` URL; anything else (an `https:` URL, a non-base64 data URL) is
 * `undefined` so the caller decides whether the provider can fetch URLs itself.
 * @example
 * parseDataUrl("data:image/png;base64,iVBORw0KGgo="); // { mediaType: "image/png", base64: "iVBORw0KGgo=" }
 */
export const parseDataUrl = (url: string, mediaTypeHint?: string): InlineData | undefined => {
  const match = DATA_URL.exec(url);
  if (!match) return undefined;
  const mediaType = match[1] ?? mediaTypeHint ?? "application/octet-stream";
  return { mediaType, base64: match[3] ?? "" };
};

/**
 * Parses the JSON arguments of an assistant tool call being sent back upstream; providers
 * that take tool input as an object need it parsed, and bad JSON is the caller's error.
 * @example
 * Effect.runSync(parseToolArguments({ id: "c1", name: "f", arguments: '{"a":1}' }, "anthropic")); // { a: 1 }
 */
export const parseToolArguments = (
  call: { readonly id: string; readonly name: string; readonly arguments: string },
  provider: string,
): Effect.Effect<unknown, BadRequest> =>
  Effect.try({
    try: (): unknown => (call.arguments.trim() === "" ? {} : JSON.parse(call.arguments)),
    catch: () =>
      new BadRequest({
        message: `${provider}: arguments of tool call "${call.id}" (${call.name}) are not valid JSON`,
        provider,
        param: "messages",
      }),
  });
