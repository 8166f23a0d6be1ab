import { defineProvider } from "@switchyard/core";
import { z } from "zod";
import { apiKeySetting, fetchSetting, headersSetting } from "../kit/provider-settings.js";
import { createGoogleGenerativeModel } from "./google-generative-language-model.js";

/**
 * Settings of the Gemini provider. `apiKey` falls back to `GOOGLE_GENERATIVE_AI_API_KEY`,
 * then `GEMINI_API_KEY`, read at call time.
 * @example
 * const settings: GoogleSettings = { baseURL: "https://generativelanguage.googleapis.com/v1beta" };
 */
export const GoogleSettings = z.object({
  apiKey: apiKeySetting,
  baseURL: z.url().default("https://generativelanguage.googleapis.com/v1beta"),
  headers: headersSetting,
  fetch: fetchSetting,
});
export type GoogleSettings = z.input<typeof GoogleSettings>;

/**
 * The Google Gemini (Generative Language API) provider.
 * @example
 * import { Effect } from "effect";
 * const flash = google({})("gemini-2.5-flash");
 * const res = await Effect.runPromise(flash.generate({ messages: [{ role: "user", content: "Hi" }] }));
 */
export const google = defineProvider({
  name: "google",
  settings: GoogleSettings,
  languageModel: (settings, modelId: string) => createGoogleGenerativeModel(settings, modelId),
});
