import type { LanguageModelV3, LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { ConfigError, Unavailable, type LanguageModel, type ProviderError, type StreamEvent } from "@switchyard/core";
import * as Effect from "effect/Effect";
import * as Stream from "effect/Stream";
import { toV3CallOptions } from "./convert-to-v3-call-options.js";
import { mapAiSdkError } from "./map-ai-sdk-error.js";
import { mapV3GenerateResult } from "./map-v3-result.js";
import { createV3StreamPartMapper } from "./map-v3-stream-part.js";

/** The AI SDK language models the bridge understands, by `specificationVersion`. */
export type AiSdkLanguageModel = LanguageModelV3;

/** `openai.chat` → `openai`: the AI SDK suffixes the API surface. */
const providerName = (model: AiSdkLanguageModel): string => model.provider.split(".")[0] ?? model.provider;

/** Options of {@link fromAiSdk}. @example const o: FromAiSdkOptions = { redact: [process.env.MISTRAL_API_KEY ?? ""] }; */
export interface FromAiSdkOptions {
  /** Secrets the wrapped model was configured with: masked if an upstream echoes them in an error. */
  readonly redact?: ReadonlyArray<string>;
}

const fromV3 = (model: LanguageModelV3, options: FromAiSdkOptions): LanguageModel => {
  const ctx = { provider: providerName(model), model: model.modelId };
  const redact = options.redact ?? [];
  const stream = (request: Parameters<LanguageModel["stream"]>[0], options: Parameters<LanguageModel["stream"]>[1]) =>
    Stream.unwrap(
      Effect.gen(function* () {
        const callOptions = yield* toV3CallOptions(request, ctx.provider);
        // Aborted when the stream's scope closes: the consumer stopped or was interrupted.
        const controller = yield* Effect.acquireRelease(
          Effect.sync(() => new AbortController()),
          (c) => Effect.sync(() => c.abort()),
        );
        const result = yield* Effect.tryPromise({
          try: () => model.doStream(Object.assign({}, callOptions, { abortSignal: controller.signal }, options?.headers ? { headers: { ...options.headers } } : {})),
          catch: (e) => mapAiSdkError(e, ctx, redact),
        });
        const map = createV3StreamPartMapper(ctx, redact);
        let finished = false;
        const parts = Stream.fromReadableStream<LanguageModelV3StreamPart, ProviderError>({
          evaluate: () => result.stream,
          onError: (e) => mapAiSdkError(e, ctx, redact),
        });
        const events = parts.pipe(
          Stream.mapEffect((part) => {
            const step = map(part);
            if (!Array.isArray(step)) return Effect.fail(step as ProviderError);
            const list = step as ReadonlyArray<StreamEvent>;
            if (list.some((e) => e.type === "finish")) finished = true;
            return Effect.succeed(list);
          }),
          Stream.flattenIterable,
        );
        // A stream that ends without a finish part was cut off.
        const end = Stream.suspend(() =>
          finished ? Stream.empty : Stream.fail(new Unavailable({ message: `${ctx.provider}: stream ended without a finish part`, ...ctx })),
        );
        return Stream.concat(events, end);
      }),
    );

  return {
    specificationVersion: "switchyard.v1",
    provider: ctx.provider,
    modelId: model.modelId,
    generate: (request, options) =>
      Effect.gen(function* () {
        const callOptions = yield* toV3CallOptions(request, ctx.provider);
        const result = yield* Effect.tryPromise({
          try: (signal) => model.doGenerate(Object.assign({}, callOptions, { abortSignal: signal }, options?.headers ? { headers: { ...options.headers } } : {})),
          catch: (e) => mapAiSdkError(e, ctx, redact),
        });
        return mapV3GenerateResult(result, model.modelId);
      }),
    stream,
  };
};

/** One adapter per AI SDK specification version; a new version is one more entry. */
const bySpecificationVersion: { readonly [V in AiSdkLanguageModel["specificationVersion"]]: (model: Extract<AiSdkLanguageModel, { specificationVersion: V }>, options: FromAiSdkOptions) => LanguageModel } = {
  v3: fromV3,
};

/**
 * Makes any Vercel AI SDK language model (`@ai-sdk/openai`, `@ai-sdk/mistral`, a community
 * provider...) a Switchyard `LanguageModel`, so routes can target it. Interrupting the
 * Effect or the stream aborts the AI SDK call; its `APICallError`s become tagged errors
 * (status, Retry-After, body wording), as with native adapters.
 * @example
 * import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
 * const model = fromAiSdk(createOpenAICompatible({ name: "vllm", baseURL: "http://localhost:8000/v1", apiKey })("llama-3.1-8b"), { redact: [apiKey] });
 */
export const fromAiSdk = (model: AiSdkLanguageModel, options: FromAiSdkOptions = {}): LanguageModel => {
  const adapt = bySpecificationVersion[model.specificationVersion];
  if (typeof adapt !== "function") {
    throw new ConfigError({
      message: `fromAiSdk: AI SDK specificationVersion "${String(model.specificationVersion)}" is not supported (supported: ${Object.keys(bySpecificationVersion).join(", ")})`,
      path: ["model", "specificationVersion"],
    });
  }
  return adapt(model, options);
};
