import { compileSafeParse } from "@switchyard/core";
import { authenticate } from "../auth/authenticate.js";
import { GatewayError } from "../http/gateway-error.js";
import { parseJsonBody, readBody } from "../http/read-body.js";
import { sendJsonText, sseFrame } from "../http/respond.js";
import { firstIssue } from "../internal/format-issue-path.js";
import { convertOpenAIChatRequest } from "../openai/convert-openai-chat-request.js";
import { OpenAIChatRequest } from "../openai/openai-chat-request.js";
import { encodeOpenAIChatCompletion } from "../openai/openai-chat-response.js";
import { createOpenAIChunkEncoder } from "../openai/openai-chat-stream.js";
import { toOpenAIErrorBody } from "../openai/openai-error-body.js";
import type { Handler } from "../server/gateway-context.js";
import { planChat, runChat, runChatStream, switchyardHeaders } from "./chat-pipeline.js";

// Compiled once: a well-formed request is checked in place, without zod building a copy of it.
const parseChatRequest = compileSafeParse(OpenAIChatRequest);

/**
 * `POST /v1/chat/completions`: OpenAI's Chat Completions, JSON or SSE.
 * @example
 * // curl -s localhost:8787/v1/chat/completions -d '{"model":"main","messages":[{"role":"user","content":"Hi"}]}'
 */
export const chatCompletions: Handler = async (gw, ex) => {
  const key = await authenticate(ex.req, ex.runtime, gw.keys);
  const text = await readBody(ex.req, ex.runtime.settings.limits.maxBodyBytes);
  const parsed = parseChatRequest(parseJsonBody(text));
  if (!parsed.success) {
    const { message, path } = firstIssue(parsed.error);
    throw new GatewayError(400, "invalid_request_error", "invalid_request", `Invalid request: ${message}`, path || null);
  }
  const body = parsed.data;
  const plan = await planChat(gw, ex, body.model, convertOpenAIChatRequest(body), key, Buffer.byteLength(text));
  const created = Math.floor(Date.now() / 1000);
  if (body.stream === true) {
    const encoder = createOpenAIChunkEncoder({ model: body.model, created, includeUsage: body.stream_options?.include_usage === true });
    await runChatStream(gw, ex, plan, Object.assign(encoder, { error: (e: GatewayError) => sseFrame(toOpenAIErrorBody(e)) }));
    return;
  }
  const outcome = await runChat(gw, ex, plan);
  sendJsonText(ex.res, 200, encodeOpenAIChatCompletion(outcome.response, created), switchyardHeaders(ex, plan.route, outcome));
};
