import type { GatewayError } from "../http/gateway-error.js";

const typeFor = (e: GatewayError): string => {
  switch (e.status) {
    case 400:
      return "invalid_request_error";
    case 401:
      return "authentication_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 503:
      return "overloaded_error";
    case 504:
      return "timeout_error";
    default:
      return "api_error";
  }
};

/**
 * Anthropic's error body: `{"type":"error","error":{"type","message"}}`.
 * @example
 * toAnthropicErrorBody(modelNotFound("x")).error.type; // "not_found_error"
 */
export const toAnthropicErrorBody = (e: GatewayError) => ({
  type: "error" as const,
  error: { type: typeFor(e), message: e.message },
});
