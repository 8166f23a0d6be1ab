import { Effect } from "effect";
import { z } from "zod";
import { defineProvider, type Provider } from "@switchyard/core";
import type { FetchFunction } from "../kit/index.js";
import { createOpenAICompatibleChatLanguageModel } from "./openai-compatible-chat-language-model.js";
import type { OpenAICompatibleConfig } from "./openai-compatible-config.js";
import { createOpenAICompatibleEmbeddingModel } from "./openai-compatible-embedding-model.js";

/**
 * Settings of {@link createOpenAICompatible}.
 * @example
 * const s: OpenAICompatibleSettings = { name: "local", baseURL: "http://127.0.0.1:8000/v1" };
 */
export const OpenAICompatibleSettings = z.object({
  /** Provider name, used in errors, traces and `providerOptions`. */
  name: z.string().min(1),
  /** API root including the version segment, e.g. `https://api.groq.com/openai/v1`. */
  baseURL: z.url(),
  /** Sent as `Authorization: Bearer`. Omit for local servers that need none. */
  apiKey: z.string().min(1).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** Appended to every URL (e.g. `api-version`). */
  queryParams: z.record(z.string(), z.string()).optional(),
  fetch: z.custom<FetchFunction>((v) => typeof v === "function", "fetch must be a function").optional(),
});
export type OpenAICompatibleSettings = z.input<typeof OpenAICompatibleSettings>;

/**
 * Joins a base URL, a path and query parameters.
 * @example
 * joinUrl("https://x.ai/v1/", "/chat/completions", { a: "1" }); // "https://x.ai/v1/chat/completions?a=1"
 */
export const joinUrl = (baseURL: string, path: string, queryParams?: Readonly<Record<string, string>>): string => {
  const query = queryParams && Object.keys(queryParams).length > 0 ? `?${new URLSearchParams(queryParams).toString()}` : "";
  return `${baseURL.replace(/\/+$/, "")}${path}${query}`;
};

const configFrom = (s: z.output<typeof OpenAICompatibleSettings>): OpenAICompatibleConfig => ({
  provider: s.name,
  url: (path) => joinUrl(s.baseURL, path, s.queryParams),
  headers: () => Effect.succeed({ ...(s.apiKey ? { authorization: `Bearer ${s.apiKey}` } : {}), ...s.headers }),
  secrets: () => (s.apiKey ? [s.apiKey] : []),
  ...(s.fetch ? { fetch: s.fetch } : {}),
});

/**
 * A provider for any server that speaks OpenAI Chat Completions (vLLM, llama.cpp, LiteLLM,
 * the Switchyard simulator...). Settings are validated at once (a `ConfigError` names the
 * bad field); models are lazy.
 * @example
 * const local = createOpenAICompatible({ name: "local", baseURL: "http://127.0.0.1:8000/v1" });
 * const model = local("llama-3.1-8b");
 * const embedder = local.embedding?.("nomic-embed-text");
 */
export const createOpenAICompatible = (settings: OpenAICompatibleSettings): Provider =>
  defineProvider({
    name: settings.name,
    settings: OpenAICompatibleSettings,
    languageModel: (s, modelId: string) => createOpenAICompatibleChatLanguageModel(configFrom(s), modelId),
    embeddingModel: (s, modelId) => createOpenAICompatibleEmbeddingModel(configFrom(s), modelId),
  })(settings);
