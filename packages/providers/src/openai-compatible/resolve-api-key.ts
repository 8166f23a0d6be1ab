import * as Effect from "effect/Effect";
import { AuthFailed } from "@switchyard/core";

/**
 * The API key to use: the configured one, else the environment variable read at call time
 * (so importing a provider never requires a key, and a key set later is picked up).
 * A missing key is `AuthFailed` — a fallback to another provider may still answer.
 * @example
 * const key = yield* resolveApiKey({ provider: "openai", apiKey: undefined, envVar: "OPENAI_API_KEY" });
 */
export const resolveApiKey = (input: { readonly provider: string; readonly apiKey?: string; readonly envVar: string }): Effect.Effect<string, AuthFailed> =>
  Effect.suspend(() => {
    const key = input.apiKey ?? process.env[input.envVar];
    return key !== undefined && key !== ""
      ? Effect.succeed(key)
      : Effect.fail(
          new AuthFailed({ message: `${input.provider}: no API key (set ${input.envVar} or pass apiKey)`, provider: input.provider }),
        );
  });

/**
 * Secrets to mask in error messages: the configured key and, when used, the env key.
 * @example
 * knownSecrets("sk-1", "OPENAI_API_KEY"); // ["sk-1", <env value if set>]
 */
export const knownSecrets = (apiKey: string | undefined, envVar: string | undefined): string[] => {
  const env = envVar !== undefined ? process.env[envVar] : undefined;
  return [apiKey, env].filter((k): k is string => k !== undefined && k !== "");
};
