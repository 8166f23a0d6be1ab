import { AuthFailed, type CallOptions, type ChatRequest, type LanguageModel } from "@switchyard/core";
import * as Effect from "effect/Effect";
import { catalogue } from "../catalogue/catalogue-entries.js";
import { decodeWireResponse } from "../kit/decode-wire-response.js";
import { defineHttpLanguageModel } from "../kit/define-http-language-model.js";
import { readJson, sendRequest, type FetchFunction } from "../kit/http.js";
import { sseEventStream } from "../kit/sse-stream.js";
import { createAnthropicStreamMapper } from "./anthropic-stream-mapper.js";
import { AnthropicMessageResponse } from "./anthropic-wire.js";
import { toAnthropicRequest } from "./convert-to-anthropic-request.js";
import { classifyAnthropicError } from "./map-anthropic-error.js";
import { mapAnthropicResponse } from "./map-anthropic-response.js";

/** Validated settings the model is built from (see `anthropic(...)`). */
export interface AnthropicModelSettings {
  readonly apiKey?: string | undefined;
  readonly baseURL: string;
  readonly version: string;
  readonly beta?: ReadonlyArray<string> | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly fetch?: FetchFunction | undefined;
}

const PROVIDER = "anthropic";
const FALLBACK_MAX_TOKENS = 4096;

/** `max_tokens` is required by Anthropic: the catalogue's limit for known models, else 4096. */
const defaultMaxTokens = (modelId: string): number => {
  for (const spec of Object.values(catalogue)) {
    // Dated snapshots ("claude-3-5-haiku-20241022") share the limits of their alias ("claude-3-5-haiku-latest").
    const family = spec.id.replace(/-latest$/, "");
    if (spec.provider === PROVIDER && (modelId === spec.id || modelId === family || modelId.startsWith(`${family}-`))) return spec.maxOutputTokens;
  }
  return FALLBACK_MAX_TOKENS;
};

/**
 * A Claude model behind the Messages API (`POST {baseURL}/messages`).
 * @example
 * const model = createAnthropicMessagesModel({ baseURL: "https://api.anthropic.com/v1", version: "2023-06-01" }, "claude-haiku-4-5");
 */
export const createAnthropicMessagesModel = (settings: AnthropicModelSettings, modelId: string): LanguageModel => {
  const maxTokens = defaultMaxTokens(modelId);
  const url = `${settings.baseURL.replace(/\/+$/, "")}/messages`;

  // The key is read when a request is made, so an env var set after start-up is honoured.
  const headers = (options: CallOptions | undefined) =>
    Effect.gen(function* () {
      const apiKey = settings.apiKey ?? process.env.ANTHROPIC_API_KEY;
      if (!apiKey) {
        return yield* Effect.fail(
          new AuthFailed({ message: "anthropic: no API key (set apiKey or ANTHROPIC_API_KEY)", provider: PROVIDER, model: modelId }),
        );
      }
      return {
        apiKey,
        headers: {
          "x-api-key": apiKey,
          "anthropic-version": settings.version,
          ...(settings.beta?.length ? { "anthropic-beta": settings.beta.join(",") } : {}),
          ...settings.headers,
          ...options?.headers,
        },
      };
    });

  const prepare = (request: ChatRequest, options: CallOptions | undefined, stream: boolean) =>
    Effect.gen(function* () {
      const body = yield* toAnthropicRequest(request, modelId, maxTokens);
      const auth = yield* headers(options);
      const jsonMode = request.responseFormat !== undefined && request.responseFormat.type !== "text";
      return {
        jsonMode,
        send: (signal?: AbortSignal) =>
          sendRequest({
            url,
            headers: auth.headers,
            body: stream ? Object.assign({}, body, { stream: true }) : body,
            provider: PROVIDER,
            model: modelId,
            classify: classifyAnthropicError,
            redact: [auth.apiKey],
            ...(settings.fetch ? { fetch: settings.fetch } : {}),
            ...(signal ? { signal } : {}),
          }),
      };
    });

  const ctx = { provider: PROVIDER, model: modelId };
  return defineHttpLanguageModel({
    provider: PROVIDER,
    modelId,
    prepare,
    generate: ({ jsonMode, send }) =>
      Effect.gen(function* () {
        const wire = yield* decodeWireResponse(yield* readJson(yield* send(), ctx), AnthropicMessageResponse, ctx);
        return mapAnthropicResponse(wire, jsonMode);
      }),
    stream: ({ jsonMode, send }) => sseEventStream({ open: send, mapper: () => createAnthropicStreamMapper(modelId, jsonMode), ...ctx }),
  });
};
