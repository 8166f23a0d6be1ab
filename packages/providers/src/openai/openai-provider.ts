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
 * Settings of {@link openai}.
 * @example
 * const s: OpenAISettings = { organization: "org-123", project: "proj_abc" };
 */
export const OpenAISettings = z.object({
  /** Defaults to the `OPENAI_API_KEY` environment variable, read at call time. */
  apiKey: apiKeySetting,
  baseURL: z.url().default("https://api.openai.com/v1"),
  organization: z.string().min(1).optional(),
  project: z.string().min(1).optional(),
  headers: headersSetting,
  fetch: fetchSetting,
});
export type OpenAISettings = z.input<typeof OpenAISettings>;

/**
 * True for OpenAI reasoning models (o1, o3, o4-mini, gpt-5...), which take
 * `max_completion_tokens`, instructions in the `developer` role, and no sampling knobs.
 * @example
 * isOpenAIReasoningModel("o4-mini"); // true
 * isOpenAIReasoningModel("gpt-4o"); // false
 */
export const isOpenAIReasoningModel = (modelId: string): boolean => /^(o\d|gpt-5)/.test(modelId) && !modelId.startsWith("gpt-5-chat");

/** Reasoning models reject these with a 400 unless left at their defaults, so they are not sent. */
const UNSUPPORTED_BY_REASONING = ["temperature", "top_p", "presence_penalty", "frequency_penalty"] as const;

const transformBody = (body: Record<string, unknown>, modelId: string): Record<string, unknown> => {
  if (!isOpenAIReasoningModel(modelId)) return body;
  const { max_tokens: maxTokens, ...rest } = body;
  for (const key of UNSUPPORTED_BY_REASONING) delete rest[key];
  if (maxTokens !== undefined) rest.max_completion_tokens = maxTokens;
  return rest;
};

const configFrom = (s: z.output<typeof OpenAISettings>): OpenAICompatibleConfig => ({
  provider: "openai",
  url: (path) => joinUrl(s.baseURL, path),
  headers: () =>
    Effect.map(resolveApiKey({ provider: "openai", ...(s.apiKey ? { apiKey: s.apiKey } : {}), envVar: "OPENAI_API_KEY" }), (key) => ({
      authorization: `Bearer ${key}`,
      ...(s.organization ? { "openai-organization": s.organization } : {}),
      ...(s.project ? { "openai-project": s.project } : {}),
      ...s.headers,
    })),
  secrets: () => knownSecrets(s.apiKey, "OPENAI_API_KEY"),
  transformBody,
  systemRole: (modelId) => (isOpenAIReasoningModel(modelId) ? "developer" : "system"),
  ...(s.fetch ? { fetch: s.fetch } : {}),
});

/**
 * OpenAI Chat Completions and embeddings. The key defaults to `OPENAI_API_KEY`, read when a
 * call runs; reasoning models get `max_completion_tokens` and the `developer` role.
 * @example
 * const gpt = openai()("gpt-4o-mini");
 * const o4 = openai({ project: "proj_abc" })("o4-mini");
 * const embedder = openai().embedding?.("text-embedding-3-small");
 */
export const openai = (settings: OpenAISettings = {}): Provider =>
  defineOpenAICompatibleProvider({ name: "openai", settings: OpenAISettings, config: configFrom })(settings);
