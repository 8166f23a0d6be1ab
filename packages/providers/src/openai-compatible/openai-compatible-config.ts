import type * as Effect from "effect/Effect";
import type { ProviderError } from "@switchyard/core";
import type { FetchFunction, MapHttpErrorInput } from "../kit/index.js";

/**
 * How one OpenAI-compatible API is reached; shared by the chat and embedding models and
 * filled in by `createOpenAICompatible`, `openai`, `azure` and the presets.
 * @example
 * const config: OpenAICompatibleConfig = {
 *   provider: "groq",
 *   url: (path) => `https://api.groq.com/openai/v1${path}`,
 *   headers: () => Effect.succeed({ authorization: `Bearer ${key}` }),
 *   secrets: () => [key],
 * };
 */
export interface OpenAICompatibleConfig {
  /** Provider name: in errors, traces and as the key of `request.providerOptions`. */
  readonly provider: string;
  /** Full URL for an API path such as "/chat/completions"; called once per model, when the model is made. */
  readonly url: (path: string, modelId: string) => string;
  /** Headers for every call; an Effect so a missing key fails as `AuthFailed` at call time, not import time. */
  readonly headers: () => Effect.Effect<Record<string, string>, ProviderError>;
  /** Secrets to mask if the upstream echoes them back in an error. */
  readonly secrets: () => ReadonlyArray<string>;
  readonly fetch?: FetchFunction;
  /** Provider-specific error mapping (e.g. Azure's content filter). */
  readonly classifyError?: MapHttpErrorInput["classify"];
  /** Last word on the request body, for provider quirks (OpenAI's `max_completion_tokens`...). */
  readonly transformBody?: (body: Record<string, unknown>, modelId: string) => Record<string, unknown>;
  /** Role for system messages; OpenAI reasoning models want "developer". */
  readonly systemRole?: (modelId: string) => "system" | "developer";
}
