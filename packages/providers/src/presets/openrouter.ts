import { z } from "zod";
import { defineOpenAICompatiblePreset, PresetSettings } from "./define-openai-compatible-preset.js";

/**
 * OpenRouter settings: the common ones plus app attribution (`HTTP-Referer`, `X-Title`).
 * @example
 * const s: OpenRouterSettings = { appUrl: "https://example.com", appName: "My app" };
 */
export const OpenRouterSettings = PresetSettings.extend({ appUrl: z.url().optional(), appName: z.string().min(1).optional() });
export type OpenRouterSettings = z.input<typeof OpenRouterSettings>;

/**
 * OpenRouter; key from `OPENROUTER_API_KEY`. Model ids are `vendor/model`; in-stream
 * `{"error": ...}` chunks and `reasoning` deltas are handled by the compatible adapter.
 * @example
 * const model = openrouter({ appName: "Switchyard demo" })("anthropic/claude-3.5-haiku");
 */
export const openrouter = defineOpenAICompatiblePreset<OpenRouterSettings>(
  {
    name: "openrouter",
    baseURL: "https://openrouter.ai/api/v1",
    apiKeyEnv: "OPENROUTER_API_KEY",
    keyRequired: true,
    headers: (s) => {
      const headers: Record<string, string> = {};
      if (s.appUrl) headers["HTTP-Referer"] = s.appUrl;
      if (s.appName) headers["X-Title"] = s.appName;
      return headers;
    },
  },
  OpenRouterSettings,
);
