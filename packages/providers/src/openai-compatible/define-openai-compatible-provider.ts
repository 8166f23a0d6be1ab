import { defineProvider, type Provider } from "@switchyard/core";
import type { z } from "zod";
import { createOpenAICompatibleChatLanguageModel } from "./openai-compatible-chat-language-model.js";
import type { OpenAICompatibleConfig } from "./openai-compatible-config.js";
import { createOpenAICompatibleEmbeddingModel } from "./openai-compatible-embedding-model.js";

/**
 * Input of {@link defineOpenAICompatibleProvider}.
 * @example
 * const def: OpenAICompatibleProviderDefinition<typeof MySettings> = { name: "mine", settings: MySettings, config: (s) => configFrom(s) };
 */
export interface OpenAICompatibleProviderDefinition<Settings extends z.ZodType> {
  readonly name: string;
  readonly settings: Settings;
  /** How validated settings become the URL, headers and secrets of each call. */
  readonly config: (settings: z.output<Settings>) => OpenAICompatibleConfig;
  /** `false` for APIs without `/embeddings`; defaults to true. */
  readonly embeddings?: boolean;
}

/**
 * `defineProvider` for an API that speaks OpenAI Chat Completions (and embeddings): the
 * settings schema and a `config` function are all that differ between OpenAI, Azure, the
 * presets and a generic compatible server.
 * @example
 * const mine = defineOpenAICompatibleProvider({ name: "mine", settings: MySettings, config: (s) => ({ provider: "mine", url: (p) => s.baseURL + p, headers: () => Effect.succeed({}), secrets: () => [] }) });
 * const model = mine({ baseURL: "http://127.0.0.1:8000/v1" })("llama-3.1-8b");
 */
export const defineOpenAICompatibleProvider =
  <Settings extends z.ZodType>(definition: OpenAICompatibleProviderDefinition<Settings>) =>
  (settings: z.input<Settings>): Provider =>
    defineProvider({
      name: definition.name,
      settings: definition.settings,
      languageModel: (s, modelId: string) => createOpenAICompatibleChatLanguageModel(definition.config(s), modelId),
      ...(definition.embeddings === false
        ? {}
        : { embeddingModel: (s: z.output<Settings>, modelId: string) => createOpenAICompatibleEmbeddingModel(definition.config(s), modelId) }),
    })(settings);
