import { compileSafeParse } from "@switchyard/core";
import { AnthropicMessagesRequest } from "../anthropic/anthropic-messages-request.js";
import { toAnthropicMessage } from "../anthropic/anthropic-messages-response.js";
import { createAnthropicEventEncoder } from "../anthropic/anthropic-messages-stream.js";
import { toAnthropicErrorBody } from "../anthropic/anthropic-error-body.js";
import { convertAnthropicMessagesRequest } from "../anthropic/convert-anthropic-messages-request.js";
import { authenticate } from "../auth/authenticate.js";
import { GatewayError } from "../http/gateway-error.js";
import { parseJsonBody, readBody } from "../http/read-body.js";
import { sendJson, sseFrame } from "../http/respond.js";
import { firstIssue } from "../internal/format-issue-path.js";
import type { Handler } from "../server/gateway-context.js";
import { planChat, runChat, runChatStream, switchyardHeaders } from "./chat-pipeline.js";

// Compiled once: a well-formed request is checked in place, without zod building a copy of it.
const parseMessagesRequest = compileSafeParse(AnthropicMessagesRequest);

/**
 * `POST /v1/messages`: Anthropic's Messages API, JSON or SSE, over the same routes.
 * @example
 * // new Anthropic({ baseURL: gatewayUrl, apiKey: "sk-sy-..." }).messages.create({ model: "main", max_tokens: 100, messages })
 */
export const messages: Handler = async (gw, ex) => {
  const key = await authenticate(ex.req, ex.runtime, gw.keys);
  const text = await readBody(ex.req, ex.runtime.settings.limits.maxBodyBytes);
  const parsed = parseMessagesRequest(parseJsonBody(text));
  if (!parsed.success) {
    const { message, path } = firstIssue(parsed.error);
    throw new GatewayError(400, "invalid_request_error", "invalid_request", `Invalid request: ${message}`, path || null);
  }
  const body = parsed.data;
  const plan = await planChat(gw, ex, body.model, convertAnthropicMessagesRequest(body), key, Buffer.byteLength(text));
  if (body.stream === true) {
    const encoder = createAnthropicEventEncoder({ model: body.model });
    await runChatStream(gw, ex, plan, Object.assign(encoder, { error: (e: GatewayError) => sseFrame(toAnthropicErrorBody(e), "error") }));
    return;
  }
  const outcome = await runChat(gw, ex, plan);
  sendJson(ex.res, 200, toAnthropicMessage(outcome.response), switchyardHeaders(ex, plan.route, outcome));
};
