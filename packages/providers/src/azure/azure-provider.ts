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
import { classifyAzureError } from "./azure-content-filter.js";

const ENV_KEY = "AZURE_OPENAI_API_KEY";

/**
 * Settings of {@link azure}: `resourceName` (→ `https://{resourceName}.openai.azure.com`) or `baseURL`.
 * @example
 * const s: AzureSettings = { resourceName: "my-resource", apiVersion: "2024-10-21" };
 */
export const AzureSettings = z
  .object({
    resourceName: z
      .string()
      .regex(/^[a-zA-Z0-9-]+$/, "resourceName must be the bare resource name")
      .optional(),
    /** Resource root, e.g. `https://my-resource.openai.azure.com` (no `/openai` suffix). */
    baseURL: z.url().optional(),
    /** Sent as the `api-key` header; defaults to `AZURE_OPENAI_API_KEY`, read at call time. */
    apiKey: apiKeySetting,
    apiVersion: z.string().min(1).default("2024-10-21"),
    headers: headersSetting,
    fetch: fetchSetting,
  })
  .refine((s) => s.resourceName !== undefined || s.baseURL !== undefined, { message: "set resourceName or baseURL", path: ["resourceName"] });
export type AzureSettings = z.input<typeof AzureSettings>;

const configFrom = (s: z.output<typeof AzureSettings>): OpenAICompatibleConfig => {
  const base = s.baseURL ?? `https://${s.resourceName ?? ""}.openai.azure.com`;
  return {
    provider: "azure",
    // The model id is the deployment name; Azure routes by URL, not by the body's `model`.
    url: (path, deployment) => joinUrl(base, `/openai/deployments/${encodeURIComponent(deployment)}${path}`, { "api-version": s.apiVersion }),
    headers: () =>
      Effect.map(resolveApiKey({ provider: "azure", ...(s.apiKey ? { apiKey: s.apiKey } : {}), envVar: ENV_KEY }), (key) => ({
        "api-key": key,
        ...s.headers,
      })),
    secrets: () => knownSecrets(s.apiKey, ENV_KEY),
    classifyError: classifyAzureError,
    ...(s.fetch ? { fetch: s.fetch } : {}),
  };
};

/**
 * Azure OpenAI: `azure(settings)("my-deployment")` calls
 * `{base}/openai/deployments/my-deployment/chat/completions?api-version=...` with an
 * `api-key` header. Content-filter refusals become `ContentFiltered`.
 * @example
 * const model = azure({ resourceName: "contoso", apiVersion: "2024-10-21" })("gpt-4o-prod");
 */
export const azure = (settings: AzureSettings): Provider =>
  // The model id is the deployment name (see `configFrom`).
  defineOpenAICompatibleProvider({ name: "azure", settings: AzureSettings, config: configFrom })(settings);
