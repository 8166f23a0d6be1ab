import { ConfigError } from "@switchyard/core";

/**
 * Resolves a secret reference: `env:NAME` reads the environment (a missing variable is a
 * ConfigError naming the field, never the value); anything else is taken literally.
 * @example
 * resolveSecret("env:OPENAI_API_KEY", ["models", "fast", "apiKey"]);
 */
export const resolveSecret = (value: string, path: ReadonlyArray<string | number>, env: NodeJS.ProcessEnv = process.env): string => {
  if (!value.startsWith("env:")) return value;
  const name = value.slice(4);
  const resolved = env[name];
  if (resolved === undefined || resolved === "") {
    throw new ConfigError({ message: `${path.join(".")}: environment variable ${name} is not set`, path });
  }
  return resolved;
};
