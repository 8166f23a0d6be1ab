import type { LanguageModel } from "@switchyard/core";
import { createOpenAICompatible } from "@switchyard/providers";
import { benchAnswer } from "./bench-routes.js";
import { instantModel } from "./fake-model.js";

/**
 * The `fast` and `strong` models the library benchmarks route between: in-process instant
 * models that answer {@link benchAnswer} (so only routing is measured), or, given the
 * upstream simulator's URL, the same two names over HTTP through the OpenAI-compatible
 * provider (the simulator's scripts make them answer the same).
 * @example
 * const [fast, strong] = benchModelPair(sim?.url);
 * const router = createRouter({ models: benchModels(fast, strong), routes: benchRoutes });
 */
export const benchModelPair = (simulatorUrl?: string): readonly [LanguageModel, LanguageModel] => {
  if (simulatorUrl === undefined) return [instantModel("fast", benchAnswer), instantModel("strong", benchAnswer)];
  const provider = createOpenAICompatible({ name: "simulator", baseURL: `${simulatorUrl}/v1` });
  return [provider("fast"), provider("strong")];
};
