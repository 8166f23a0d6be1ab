import type { CallOptions, ChatRequest, ChatResponse, LanguageModel, ProviderError, StreamEvent } from "@switchyard/core";
import * as Effect from "effect/Effect";
import * as Stream from "effect/Stream";

/**
 * What differs between HTTP adapters: how a call is prepared (request body, credentials,
 * the `send` function) and what is made of the answer. Everything else — laziness, the
 * `switchyard.v1` shape, running `prepare` inside the stream so its failures are stream
 * failures — is {@link defineHttpLanguageModel}'s.
 * @example
 * const spec: HttpLanguageModelSpec<Send> = { provider: "google", modelId, prepare, generate: (send) => ..., stream: (send) => ... };
 */
export interface HttpLanguageModelSpec<Prepared> {
  readonly provider: string;
  readonly modelId: string;
  /** Runs per call (so keys set after start-up are honoured); `stream` says which endpoint/body is wanted. */
  readonly prepare: (request: ChatRequest, options: CallOptions | undefined, stream: boolean) => Effect.Effect<Prepared, ProviderError>;
  readonly generate: (prepared: Prepared, request: ChatRequest) => Effect.Effect<ChatResponse, ProviderError>;
  readonly stream: (prepared: Prepared, request: ChatRequest) => Stream.Stream<StreamEvent, ProviderError>;
}

/**
 * Builds a `LanguageModel` from an {@link HttpLanguageModelSpec}.
 * @example
 * return defineHttpLanguageModel({
 *   provider: "google", modelId, prepare,
 *   generate: (send) => Effect.flatMap(send(), (res) => readJson(res, ctx)).pipe(Effect.map(toChatResponse)),
 *   stream: (send) => sseEventStream({ ...ctx, open: send, mapper: () => createMapper(modelId) }),
 * });
 */
export const defineHttpLanguageModel = <Prepared>(spec: HttpLanguageModelSpec<Prepared>): LanguageModel => ({
  specificationVersion: "switchyard.v1",
  provider: spec.provider,
  modelId: spec.modelId,
  generate: (request, options) => Effect.flatMap(spec.prepare(request, options, false), (prepared) => spec.generate(prepared, request)),
  stream: (request, options) => Stream.unwrap(Effect.map(spec.prepare(request, options, true), (prepared) => spec.stream(prepared, request))),
});
