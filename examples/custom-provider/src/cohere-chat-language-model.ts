import { AuthFailed, Unavailable, type CallOptions, type ChatRequest, type LanguageModel, type ProviderError, type StreamEvent } from "@switchyard/core";
import { Effect, Stream } from "effect";
import { createCohereStreamMapper } from "./cohere-stream-mapper.js";
import { CohereChatResponse } from "./cohere-wire.js";
import { toCohereRequest } from "./convert-to-cohere-request.js";
import { mapCohereError, mapCohereResponse } from "./map-cohere-response.js";
import { readSse } from "./parse-sse.js";

/** Validated settings of `cohere(...)`. */
export interface CohereModelSettings {
  readonly apiKey?: string | undefined;
  readonly baseURL: string;
}

const PROVIDER = "cohere";

/**
 * A Cohere model behind `POST {baseURL}/v2/chat`. Everything a provider must honour is
 * here in one file: lazy requests, interruption aborting the fetch (the AbortSignal from
 * `Effect.tryPromise` and a scoped controller for streams), errors as tagged values.
 * @example
 * const model = createCohereChatModel({ baseURL: "https://api.cohere.com" }, "command-a-03-2025");
 */
export const createCohereChatModel = (settings: CohereModelSettings, modelId: string): LanguageModel => {
  const ctx = { provider: PROVIDER, model: modelId };
  const url = `${settings.baseURL.replace(/\/+$/, "")}/v2/chat`;

  const post = (request: ChatRequest, options: CallOptions | undefined, stream: boolean, signal?: AbortSignal) =>
    Effect.gen(function* () {
      const body = yield* toCohereRequest(request, modelId);
      const apiKey = settings.apiKey ?? process.env.COHERE_API_KEY;
      if (!apiKey) return yield* Effect.fail(new AuthFailed({ message: "cohere: no API key (set apiKey or COHERE_API_KEY)", ...ctx }));
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

  return {
    specificationVersion: "switchyard.v1",
    provider: PROVIDER,
    modelId,
    generate: (request, options) =>
      Effect.gen(function* () {
        const response = yield* post(request, options, false);
        const json = yield* Effect.tryPromise({ try: () => response.json() as Promise<unknown>, catch: () => new Unavailable({ message: "cohere: response is not JSON", ...ctx }) });
        const parsed = CohereChatResponse.safeParse(json);
        if (!parsed.success) return yield* Effect.fail(new Unavailable({ message: "cohere: unexpected response shape", ...ctx }));
        return mapCohereResponse(parsed.data, modelId);
      }),
    stream: (request, options) =>
      Stream.unwrap(
        Effect.gen(function* () {
          // Aborted when the stream's scope closes, i.e. when the consumer stops or is interrupted.
          const controller = yield* Effect.acquireRelease(
            Effect.sync(() => new AbortController()),
            (c) => Effect.sync(() => c.abort()),
          );
          const response = yield* post(request, options, true, controller.signal);
          if (!response.body) return Stream.fail(new Unavailable({ message: "cohere: stream has no body", ...ctx }));
          const mapper = createCohereStreamMapper(modelId);
          const body = response.body;
          async function* steps(): AsyncIterable<ReadonlyArray<StreamEvent> | ProviderError> {
            for await (const message of readSse(body)) {
              const step = mapper.onMessage(message);
              yield step;
              if (!Array.isArray(step)) return;
            }
            yield mapper.onEnd();
          }
          return Stream.fromAsyncIterable(steps(), (): ProviderError => new Unavailable({ message: "cohere: stream cut off by upstream", ...ctx })).pipe(
            Stream.mapEffect((step) => (Array.isArray(step) ? Effect.succeed(step as ReadonlyArray<StreamEvent>) : Effect.fail(step as ProviderError))),
            Stream.flattenIterable,
          );
        }),
      ),
  };
};
