import { AuthFailed, Unavailable, type CallOptions, type ChatRequest, type LanguageModel } from "@switchyard/core";
import { decodeWireResponse, defineHttpLanguageModel, readJson, sseEventStream } from "@switchyard/providers";
import { Effect } from "effect";
import { createCohereStreamMapper } from "./cohere-stream-mapper.js";
import { CohereChatResponse } from "./cohere-wire.js";
import { toCohereRequest } from "./convert-to-cohere-request.js";
import { mapCohereError, mapCohereResponse } from "./map-cohere-response.js";

/** Validated settings of `cohere(...)`. */
export interface CohereModelSettings {
  readonly apiKey?: string | undefined;
  readonly baseURL: string;
}

const PROVIDER = "cohere";

/**
 * A Cohere model behind `POST {baseURL}/v2/chat`, built with the provider kit's
 * `defineHttpLanguageModel`. What a provider must honour is here: lazy requests,
 * interruption aborting the fetch (the AbortSignal from `Effect.tryPromise`; for streams,
 * the kit's `sseEventStream` aborts when the consumer stops), errors as tagged values.
 * @example
 * const model = createCohereChatModel({ baseURL: "https://api.cohere.com" }, "command-a-03-2025");
 */
export const createCohereChatModel = (settings: CohereModelSettings, modelId: string): LanguageModel => {
  const ctx = { provider: PROVIDER, model: modelId };
  const url = `${settings.baseURL.replace(/\/+$/, "")}/v2/chat`;

  // Converts the request and reads the key (at call time, so a key set after start-up is
  // honoured), then hands back `send`, which the kit calls with an AbortSignal for streams.
  const prepare = (request: ChatRequest, options: CallOptions | undefined, stream: boolean) =>
    Effect.gen(function* () {
      const body = yield* toCohereRequest(request, modelId);
      const apiKey = settings.apiKey ?? process.env.COHERE_API_KEY;
      if (!apiKey) return yield* Effect.fail(new AuthFailed({ message: "cohere: no API key (set apiKey or COHERE_API_KEY)", ...ctx }));
      return (signal?: AbortSignal) =>
        Effect.gen(function* () {
          const response = yield* Effect.tryPromise({
            try: (effectSignal) =>
              fetch(url, {
                method: "POST",
                headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", accept: stream ? "text/event-stream" : "application/json", ...options?.headers },
                body: JSON.stringify(stream ? { ...body, stream: true } : body),
                signal: signal ? AbortSignal.any([effectSignal, signal]) : effectSignal,
              }),
            catch: () => new Unavailable({ message: `cohere: could not reach ${new URL(url).host}`, ...ctx }),
          });
          if (!response.ok) {
            const text = yield* Effect.promise(() => response.text().catch(() => ""));
            return yield* Effect.fail(mapCohereError(response.status, response.headers, text, modelId, apiKey));
          }
          return response;
        });
    });

  return defineHttpLanguageModel({
    provider: PROVIDER,
    modelId,
    prepare,
    generate: (send) =>
      Effect.gen(function* () {
        const wire = yield* decodeWireResponse(yield* readJson(yield* send(), ctx), CohereChatResponse, ctx);
        return mapCohereResponse(wire, modelId);
      }),
    stream: (send) => sseEventStream({ ...ctx, open: send, mapper: () => createCohereStreamMapper(modelId) }),
  });
};
