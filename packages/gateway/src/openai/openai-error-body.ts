import type { GatewayError } from "../http/gateway-error.js";

/**
 * OpenAI's error body: `{"error":{"message","type","param","code"}}`.
 * @example
 * toOpenAIErrorBody(modelNotFound("gtp-4o")).error.code; // "model_not_found"
 */
export const toOpenAIErrorBody = (e: GatewayError) => ({
  error: { message: e.message, type: e.type, param: e.param, code: e.code },
});
