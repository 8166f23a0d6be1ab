import * as Effect from "effect/Effect";
import {
  type CallOptions,
  type ChatRequest,
  type ChatResponse,
  type LanguageModel,
  type ProviderError,
} from "@switchyard/core";
import { decodeWireResponse } from "../kit/decode-wire-response.js";
import { requestJson, sendRequest, sseEventStream, type SendRequestInput } from "../kit/index.js";
import { OpenAICompatibleChatResponse } from "./openai-compatible-api-types.js";
import { createOpenAICompatibleChunkMapper, mapInBodyError } from "./openai-compatible-chat-chunk-mapper.js";
import { buildOpenAICompatibleChatBody } from "./openai-compatible-chat-request-body.js";
import type { OpenAICompatibleConfig } from "./openai-compatible-config.js";
import { mapOpenAICompatibleFinishReason } from "./map-openai-compatible-finish-reason.js";
import { mapOpenAICompatibleUsage } from "./map-openai-compatible-usage.js";

const toChatResponse = (json: unknown, ctx: { provider: string; model: string }, redact: ReadonlyArray<string>): Effect.Effect<ChatResponse, ProviderError> => {
  const inBody = mapInBodyError(json, ctx, redact);
  if (inBody) return Effect.fail(inBody);
  return Effect.map(decodeWireResponse(json, OpenAICompatibleChatResponse, ctx), (res): ChatResponse => {
    const choice = res.choices[0];
    const message = choice?.message;
    const toolCalls = (message?.tool_calls ?? []).map((c, i) => ({ id: c.id ?? `call_${i}`, name: c.function.name, arguments: c.function.arguments ?? "" }));
    const reasoning = message?.reasoning_content ?? message?.reasoning;
    return {
      id: res.id ?? `${ctx.provider}-${Date.now()}`,
      model: res.model ?? ctx.model,
      message: {
        role: "assistant",
        content: message?.content ?? null,
        ...(toolCalls.length > 0 ? { toolCalls } : {}),
        ...(reasoning ? { reasoning } : {}),
      },
      finishReason: mapOpenAICompatibleFinishReason(choice?.finish_reason),
      usage: mapOpenAICompatibleUsage(res.usage),
      ...(res.system_fingerprint ? { providerMetadata: { systemFingerprint: res.system_fingerprint } } : {}),
    };
  });
};

/**
 * A Chat Completions model (`POST {base}/chat/completions`) for any OpenAI-compatible
 * API. `generate` and `stream` are lazy; interrupting either aborts the HTTP request.
 * @example
 * const model = createOpenAICompatibleChatLanguageModel(config, "llama-3.1-8b-instant");
 * const res = await Effect.runPromise(model.generate({ messages: [{ role: "user", content: "Hi" }] }));
 */
export const createOpenAICompatibleChatLanguageModel = (config: OpenAICompatibleConfig, modelId: string): LanguageModel => {
  const ctx = { provider: config.provider, model: modelId };
  // The endpoint depends only on the model: built once, not per call.
  const url = config.url("/chat/completions", modelId);
  const input = (request: ChatRequest, options: CallOptions | undefined, stream: boolean, headers: Record<string, string>, redact: ReadonlyArray<string>, signal?: AbortSignal): SendRequestInput => ({
    url,
    headers: options?.headers === undefined ? headers : Object.assign({}, headers, options.headers),
    body: buildOpenAICompatibleChatBody(config, modelId, request, { stream }),
    ...ctx,
    ...(config.fetch ? { fetch: config.fetch } : {}),
    ...(config.classifyError ? { classify: config.classifyError } : {}),
    ...(signal ? { signal } : {}),
    redact,
  });
  return {
    specificationVersion: "switchyard.v1",
    provider: config.provider,
    modelId,
    generate: (request, options) =>
      Effect.flatMap(config.headers(), (headers) => {
        const redact = config.secrets();
        return Effect.flatMap(requestJson(input(request, options, false, headers, redact)), (json) => toChatResponse(json, ctx, redact));
      }),
    stream: (request, options) =>
      // ctx last: a literal that starts with a spread and goes on gets a hidden class per call on Node 20.
      sseEventStream({
        open: (signal) => Effect.flatMap(config.headers(), (headers) => sendRequest(input(request, options, true, headers, config.secrets(), signal))),
        mapper: () => createOpenAICompatibleChunkMapper(ctx, config.secrets()),
        ...ctx,
      }),
  };
};
