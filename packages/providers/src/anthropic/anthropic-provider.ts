import { defineProvider } from "@switchyard/core";
import { z } from "zod";
import { apiKeySetting, fetchSetting, headersSetting } from "../kit/provider-settings.js";
import { createAnthropicMessagesModel } from "./anthropic-messages-language-model.js";

/**
 * Settings of the Anthropic provider. `apiKey` falls back to `ANTHROPIC_API_KEY`, read at
 * call time; `beta` values are sent as the `anthropic-beta` header.
 * @example
 * const settings: AnthropicSettings = { beta: ["prompt-caching-2024-07-31"] };
 */
export const AnthropicSettings = z.object({
  apiKey: apiKeySetting,
  baseURL: z.url().default("https://api.anthropic.com/v1"),
  /** The `anthropic-version` header. */
  version: z.string().default("2023-06-01"),
  beta: z.array(z.string().min(1)).optional(),
  headers: headersSetting,
  fetch: fetchSetting,
});
export type AnthropicSettings = z.input<typeof AnthropicSettings>;

/**
 * The Anthropic Messages API provider.
 * @example
 * import { Effect } from "effect";
 * const claude = anthropic({})("claude-sonnet-4-5");
 * const res = await Effect.runPromise(claude.generate({ messages: [{ role: "user", content: "Hi" }] }));
 */
export const anthropic = defineProvider({
  name: "anthropic",
  settings: AnthropicSettings,
  languageModel: (settings, modelId: string) => createAnthropicMessagesModel(settings, modelId),
});
