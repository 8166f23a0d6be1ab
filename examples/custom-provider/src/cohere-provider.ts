import { defineProvider } from "@switchyard/core";
import { z } from "zod";
import { createCohereChatModel } from "./cohere-chat-language-model.js";

/**
 * Settings of the Cohere provider; `apiKey` falls back to `COHERE_API_KEY` at call time.
 * @example
 * const settings: CohereSettings = { baseURL: "https://api.cohere.com" };
 */
export const CohereSettings = z.object({
  apiKey: z.string().min(1).optional(),
  baseURL: z.url().default("https://api.cohere.com"),
});
export type CohereSettings = z.input<typeof CohereSettings>;

/**
 * The Cohere v2 Chat provider, declared with `defineProvider` from `@switchyard/core`.
 * @example
 * import { createRouter } from "@switchyard/core";
 * const router = createRouter({ models: { command: cohere({})("command-a-03-2025") }, routes: { main: { models: ["command"] } } });
 */
export const cohere = defineProvider({
  name: "cohere",
  settings: CohereSettings,
  languageModel: (settings, modelId: string) => createCohereChatModel(settings, modelId),
});
