import { GatewayError } from "./gateway-error.js";

/**
 * Decodes one percent-encoded path segment; malformed encoding (`%E0`, `%ZZ`) is the
 * client's mistake, a 400, never an exception that escapes the request.
 * @example
 * decodePathSegment("gpt-4o%2Dmini"); // "gpt-4o-mini"
 */
export const decodePathSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new GatewayError(400, "invalid_request_error", "invalid_path", "The request path has malformed percent-encoding.");
  }
};
