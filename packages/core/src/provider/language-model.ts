import type * as Effect from "effect/Effect";
import type * as Stream from "effect/Stream";
import type { ProviderError } from "../errors/index.js";
import type { ChatRequest, ChatResponse, StreamEvent } from "../schema/index.js";

/** The contract version a provider implements. New versions are added beside old ones. */
export type SpecificationVersion = "switchyard.v1";

/**
 * Per-call options. Cancellation is not here: interrupting the Effect (or the Stream's
 * consumer) aborts the upstream request; providers obtain the AbortSignal from
 * `Effect.tryPromise((signal) => ...)`.
 */
export interface CallOptions {
  /** Extra HTTP headers for this call (tracing headers, per-request org ids...). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A chat model behind one provider API. `generate` and `stream` are lazy and interruptible:
 * nothing is sent until they run, and interruption aborts the HTTP request.
 * @example
 * import { Effect } from "effect";
 * const answer = await Effect.runPromise(model.generate({ messages: [{ role: "user", content: "Hi" }] }));
 */
export interface LanguageModel {
  readonly specificationVersion: SpecificationVersion;
  /** Provider name, e.g. `"openai"`, `"anthropic"`. */
  readonly provider: string;
  /** The provider's model id, e.g. `"gpt-4o-mini"`. */
  readonly modelId: string;
  generate(request: ChatRequest, options?: CallOptions): Effect.Effect<ChatResponse, ProviderError>;
  stream(request: ChatRequest, options?: CallOptions): Stream.Stream<StreamEvent, ProviderError>;
}

/**
 * The result of an embedding call.
 * @example
 * const r: EmbeddingResult = { embeddings: [[0.1, 0.2]], model: "text-embedding-3-small", usage: { inputTokens: 2 } };
 */
export interface EmbeddingResult {
  readonly embeddings: ReadonlyArray<ReadonlyArray<number>>;
  readonly model: string;
  readonly usage: { readonly inputTokens: number };
}

/**
 * An embedding model behind one provider API.
 * @example
 * const r = await Effect.runPromise(embedder.embed(["hello"]));
 */
export interface EmbeddingModel {
  readonly specificationVersion: SpecificationVersion;
  readonly provider: string;
  readonly modelId: string;
  embed(
    input: ReadonlyArray<string>,
    options?: CallOptions & { readonly dimensions?: number },
  ): Effect.Effect<EmbeddingResult, ProviderError>;
}
