import * as Effect from "effect/Effect";
import * as Stream from "effect/Stream";
import type { CandidateInfo, PickContext } from "../../graph/route-spec.js";
import { Unavailable } from "../../errors/index.js";
import type { LanguageModel } from "../../provider/index.js";
import type { ChatRequest, ModelSpec } from "../../schema/index.js";
import { makeMemoryRouterState, type RouterStateService } from "../../state/index.js";

/** A model that answers "ok" in-process: pick policies never call it, but candidates need one. */
export const echoModel = (modelId: string): LanguageModel => ({
  specificationVersion: "switchyard.v1",
  provider: "test",
  modelId,
  generate: () =>
    Effect.succeed({
      id: `r-${modelId}`,
      model: modelId,
      message: { role: "assistant", content: "ok" },
      finishReason: "stop",
      usage: { inputTokens: 1000, outputTokens: 1000, totalTokens: 2000 },
    }),
  stream: () => Stream.empty,
});

/** A model whose every call fails as an unreachable upstream would. */
export const downModel = (modelId: string): LanguageModel => ({
  ...echoModel(modelId),
  generate: () => Effect.fail(new Unavailable({ message: `${modelId} is down`, provider: "test" })),
  stream: () => Stream.fail(new Unavailable({ message: `${modelId} is down`, provider: "test" })),
});

/** A ModelSpec with the given prices and limits; every capability on unless overridden. */
export const specOf = (id: string, over: Partial<Omit<ModelSpec, "capabilities">> & { capabilities?: Partial<ModelSpec["capabilities"]> } = {}): ModelSpec => ({
  id,
  provider: "test",
  contextWindow: over.contextWindow ?? 128_000,
  maxOutputTokens: over.maxOutputTokens ?? 16_384,
  pricing: over.pricing ?? { input: 1, output: 2 },
  capabilities: { tools: true, vision: true, json: true, streaming: true, ...over.capabilities },
});

export const hello: ChatRequest = { messages: [{ role: "user", content: "Hello there" }] };

/** A pick context over `models` (name → spec or undefined). */
export const pickContext = <M extends string>(
  models: Readonly<Record<M, ModelSpec | undefined>>,
  options: { readonly request?: ChatRequest; readonly state?: RouterStateService } = {},
): PickContext<M> => ({
  request: options.request ?? hello,
  route: "test",
  label: undefined,
  candidates: (Object.keys(models) as M[]).map((name): CandidateInfo<M> => ({ name, model: echoModel(name), spec: models[name] })),
  state: options.state ?? makeMemoryRouterState(),
});
