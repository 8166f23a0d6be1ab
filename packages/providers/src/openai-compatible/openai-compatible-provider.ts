import * as Effect from "effect/Effect";
import { z } from "zod";
import type { Provider } from "@switchyard/core";
import { apiKeySetting, fetchSetting, headersSetting } from "../kit/provider-settings.js";
import { defineOpenAICompatibleProvider } from "./define-openai-compatible-provider.js";
import type { OpenAICompatibleConfig } from "./openai-compatible-config.js";

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
  apiKey: apiKeySetting,
  headers: headersSetting,
  /** Appended to every URL (e.g. `api-version`). */
  queryParams: headersSetting,
  fetch: fetchSetting,
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
  // Object.assign, not spreads: a leading spread followed by more gives each call's headers a hidden class of their own on Node 20.
  headers: () => Effect.succeed(Object.assign(s.apiKey ? { authorization: `Bearer ${s.apiKey}` } : {}, s.headers)),
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
  defineOpenAICompatibleProvider({ name: settings.name, settings: OpenAICompatibleSettings, config: configFrom })(settings);
