/**
 * A decoded `data:` URL. Anthropic, Gemini, Bedrock and the AI SDK bridge take images
 * inline as base64 plus a media type, so their adapters share this parser.
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
