import type { z } from "zod";
import { ConfigError } from "../errors/index.js";
import type { EmbeddingModel, LanguageModel } from "./language-model.js";

/**
 * A configured provider: call it with a model id to get a `LanguageModel`.
 * @example
 * const gpt = openai("gpt-4o-mini");
 * const emb = openai.embedding("text-embedding-3-small");
 */
export interface Provider<ModelId extends string = string> {
  (modelId: ModelId): LanguageModel;
  readonly providerName: string;
  languageModel(modelId: ModelId): LanguageModel;
  /** Present when the provider API has embeddings. */
  readonly embedding?: (modelId: string) => EmbeddingModel;
}

/**
 * What a provider package declares: its name, a zod schema for its settings, and how to
 * build models from validated settings.
 */
export interface ProviderDefinition<Settings extends z.ZodType, ModelId extends string> {
  readonly name: string;
  readonly settings: Settings;
  readonly languageModel: (settings: z.output<Settings>, modelId: ModelId) => LanguageModel;
  readonly embeddingModel?: (settings: z.output<Settings>, modelId: string) => EmbeddingModel;
}

/**
 * Declares a provider. The returned factory validates its settings at the boundary and
 * throws a `ConfigError` that names the bad field; models built from it are lazy.
 * A third-party package needs nothing but `@switchyard/core` to publish one.
 * @example
 * export const foo = defineProvider({
 *   name: "foo",
 *   settings: z.object({ apiKey: z.string(), baseURL: z.string().url().default("https://api.foo.ai/v1") }),
 *   languageModel: (settings, modelId) => createFooChatModel(settings, modelId),
 * });
 * const model = foo({ apiKey: process.env.FOO_API_KEY! })("foo-large");
 */
export const defineProvider =
  <Settings extends z.ZodType, ModelId extends string = string>(definition: ProviderDefinition<Settings, ModelId>) =>
  (settings: z.input<Settings>): Provider<ModelId> => {
    const parsed = definition.settings.safeParse(settings);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue?.path.map((p) => (typeof p === "symbol" ? String(p) : p)) ?? [];
      throw new ConfigError({
        message: `invalid settings for provider "${definition.name}"${path.length ? ` at ${path.join(".")}` : ""}: ${issue?.message ?? "invalid"}`,
        provider: definition.name,
        path,
      });
    }
    const valid: z.output<Settings> = parsed.data;
    const languageModel = (modelId: ModelId): LanguageModel => definition.languageModel(valid, modelId);
    const embed = definition.embeddingModel;
    return Object.assign(languageModel, {
      providerName: definition.name,
      languageModel,
      ...(embed ? { embedding: (modelId: string) => embed(valid, modelId) } : {}),
    });
  };
