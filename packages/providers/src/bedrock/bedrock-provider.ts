import { ConfigError, defineProvider } from "@switchyard/core";
import { z } from "zod";
import { apiKeySetting, fetchSetting, headersSetting } from "../kit/provider-settings.js";
import { createBedrockConverseModel } from "./bedrock-converse-language-model.js";

/**
 * Settings of the Bedrock provider. `region` falls back to `AWS_REGION` /
 * `AWS_DEFAULT_REGION`; `credentials` to `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` /
 * `AWS_SESSION_TOKEN` (read per call); `apiKey` (or `AWS_BEARER_TOKEN_BEDROCK`) uses a
 * Bedrock API key instead of SigV4.
 * @example
 * const settings: BedrockSettings = { region: "eu-west-1" };
 */
export const BedrockSettings = z.object({
  region: z.string().min(1).optional(),
  credentials: z
    .object({ accessKeyId: z.string().min(1), secretAccessKey: z.string().min(1), sessionToken: z.string().min(1).optional() })
    .optional(),
  apiKey: apiKeySetting,
  /** Defaults to `https://bedrock-runtime.{region}.amazonaws.com`. */
  baseURL: z.url().optional(),
  headers: headersSetting,
  fetch: fetchSetting,
});
export type BedrockSettings = z.input<typeof BedrockSettings>;

/**
 * The AWS Bedrock (Converse API) provider. Building a model without a region is a
 * `ConfigError`, raised at start-up rather than on the first request.
 * @example
 * import { Effect } from "effect";
 * const nova = bedrock({ region: "us-east-1" })("amazon.nova-lite-v1:0");
 * const res = await Effect.runPromise(nova.generate({ messages: [{ role: "user", content: "Hi" }] }));
 */
export const bedrock = defineProvider({
  name: "bedrock",
  settings: BedrockSettings,
  languageModel: (settings, modelId: string) => {
    const region = settings.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    if (!region) {
      throw new ConfigError({ message: "bedrock: no region (set region or AWS_REGION)", provider: "bedrock", path: ["region"] });
    }
    return createBedrockConverseModel(
      { ...settings, region, baseURL: settings.baseURL ?? `https://bedrock-runtime.${region}.amazonaws.com` },
      modelId,
    );
  },
});
