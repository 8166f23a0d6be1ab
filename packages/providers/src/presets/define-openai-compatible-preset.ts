import * as Effect from "effect/Effect";
import { z } from "zod";
import type { Provider } from "@switchyard/core";
import { apiKeySetting, fetchSetting, headersSetting } from "../kit/provider-settings.js";
import {
  defineOpenAICompatibleProvider,
  joinUrl,
  knownSecrets,
  resolveApiKey,
  type OpenAICompatibleConfig,
} from "../openai-compatible/index.js";

/**
 * Settings every preset takes; all optional (the key comes from the preset's env var).
 * @example
 * const s: PresetSettings = { apiKey: "gsk_...", headers: { "x-trace": "1" } };
 */
export const PresetSettings = z.object({
  apiKey: apiKeySetting,
  baseURL: z.url().optional(),
  headers: headersSetting,
  fetch: fetchSetting,
});
export type PresetSettings = z.input<typeof PresetSettings>;

/**
 * What makes one OpenAI-compatible API different from the next.
 * @example
 * const p: PresetDefinition = { name: "groq", baseURL: "https://api.groq.com/openai/v1", apiKeyEnv: "GROQ_API_KEY", keyRequired: true };
 */
export interface PresetDefinition<S extends PresetSettings = PresetSettings> {
  readonly name: string;
  readonly baseURL: string;
  /** Env var holding the key; read at call time. */
  readonly apiKeyEnv: string;
  /** Local servers (Ollama, vLLM, LM Studio) run without a key: then none is required. */
  readonly keyRequired: boolean;
  /** Extra headers from the preset's own settings (OpenRouter's app attribution). */
  readonly headers?: (settings: S) => Record<string, string>;
  readonly transformBody?: OpenAICompatibleConfig["transformBody"];
  readonly embeddings?: boolean;
}

/**
 * Builds a provider factory for an OpenAI-compatible API from its preset.
 * @example
 * export const groq = defineOpenAICompatiblePreset({ name: "groq", baseURL: "https://api.groq.com/openai/v1", apiKeyEnv: "GROQ_API_KEY", keyRequired: true });
 * const model = groq()("llama-3.1-8b-instant");
 */
export const defineOpenAICompatiblePreset =
  <S extends PresetSettings = PresetSettings>(preset: PresetDefinition<S>, schema: z.ZodType<S> = PresetSettings as z.ZodType<S>) =>
  (settings: S = {} as S): Provider => {
    const configFrom = (s: S): OpenAICompatibleConfig => {
      const key = preset.keyRequired
        ? Effect.map(resolveApiKey({ provider: preset.name, ...(s.apiKey ? { apiKey: s.apiKey } : {}), envVar: preset.apiKeyEnv }), (k): string | undefined => k)
        : Effect.sync(() => s.apiKey ?? (process.env[preset.apiKeyEnv] || undefined));
      return {
        provider: preset.name,
        url: (path) => joinUrl(s.baseURL ?? preset.baseURL, path),
        headers: () =>
          // Object.assign, not spreads: a leading spread followed by more gives each call's headers a hidden class of their own on Node 20.
          Effect.map(key, (k) => Object.assign(k ? { authorization: `Bearer ${k}` } : {}, preset.headers?.(s), s.headers)),
        secrets: () => knownSecrets(s.apiKey, preset.apiKeyEnv),
        ...(preset.transformBody ? { transformBody: preset.transformBody } : {}),
        ...(s.fetch ? { fetch: s.fetch } : {}),
      };
    };
    return defineOpenAICompatibleProvider({
      name: preset.name,
      settings: schema,
      config: configFrom,
      ...(preset.embeddings === false ? { embeddings: false } : {}),
    })(settings);
  };
