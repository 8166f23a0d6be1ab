import { AuthFailed, type CallOptions, type ChatRequest, type LanguageModel } from "@switchyard/core";
import * as Effect from "effect/Effect";
import { decodeWireResponse } from "../kit/decode-wire-response.js";
import { defineHttpLanguageModel } from "../kit/define-http-language-model.js";
import { readJson, sendRequest, type FetchFunction } from "../kit/http.js";
import { sseEventStream } from "../kit/sse-stream.js";
import { toGoogleRequest } from "./convert-to-google-request.js";
import { createGoogleStreamMapper } from "./google-stream-mapper.js";
import { GoogleGenerateResponse } from "./google-wire.js";
import { classifyGoogleError } from "./map-google-error.js";
import { mapGoogleResponse, promptBlocked } from "./map-google-response.js";

/** Validated settings the model is built from (see `google(...)`). */
export interface GoogleModelSettings {
  readonly apiKey?: string | undefined;
  readonly baseURL: string;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly fetch?: FetchFunction | undefined;
}

const PROVIDER = "google";

/**
 * A Gemini model behind the Generative Language API (`models/{id}:generateContent` and
 * `:streamGenerateContent?alt=sse`), keyed by the `x-goog-api-key` header.
 * @example
 * const model = createGoogleGenerativeModel({ baseURL: "https://generativelanguage.googleapis.com/v1beta" }, "gemini-2.5-flash");
 */
export const createGoogleGenerativeModel = (settings: GoogleModelSettings, modelId: string): LanguageModel => {
  const base = `${settings.baseURL.replace(/\/+$/, "")}/models/${modelId.replace(/^models\//, "")}`;
  const ctx = { provider: PROVIDER, model: modelId };

  const prepare = (request: ChatRequest, options: CallOptions | undefined, stream: boolean) =>
    Effect.gen(function* () {
      const body = yield* toGoogleRequest(request);
      // Read at call time so a key set after start-up is honoured.
      const apiKey = settings.apiKey ?? process.env.GOOGLE_GENERATIVE_AI_API_KEY ?? process.env.GEMINI_API_KEY;
      if (!apiKey) {
        return yield* Effect.fail(
          new AuthFailed({ message: "google: no API key (set apiKey, GOOGLE_GENERATIVE_AI_API_KEY or GEMINI_API_KEY)", ...ctx }),
        );
      }
      return (signal?: AbortSignal) =>
        sendRequest({
          url: stream ? `${base}:streamGenerateContent?alt=sse` : `${base}:generateContent`,
          headers: { "x-goog-api-key": apiKey, ...settings.headers, ...options?.headers },
          body,
          ...ctx,
          classify: classifyGoogleError,
          redact: [apiKey],
          ...(settings.fetch ? { fetch: settings.fetch } : {}),
          ...(signal ? { signal } : {}),
        });
    });

  return defineHttpLanguageModel({
    provider: PROVIDER,
    modelId,
    prepare,
    generate: (send) =>
      Effect.gen(function* () {
        const wire = yield* decodeWireResponse(yield* readJson(yield* send(), ctx), GoogleGenerateResponse, ctx);
        const blocked = promptBlocked(wire, modelId);
        if (blocked) return yield* Effect.fail(blocked);
        return mapGoogleResponse(wire, modelId);
      }),
    stream: (send) => sseEventStream({ open: send, mapper: () => createGoogleStreamMapper(modelId), ...ctx }),
  });
};
