import type { EmbeddingModel, LanguageModel, ModelEntry, RouteSpec } from "@switchyard/core";
import type { GatewaySettingsInput } from "./gateway-settings.js";
import type { ModelDeclaration } from "./model-declaration.js";

/** A model in a gateway config: built in code (`openai("gpt-4o")`, with or without spec) or declared as data. */
export type GatewayModel = LanguageModel | ModelEntry | ModelDeclaration;

/** An embedding model in a gateway config: built in code or declared as data. */
export type GatewayEmbeddingModel = EmbeddingModel | ModelDeclaration;

/**
 * A whole gateway config. `routes` are core route specs over the names in `models`, so a
 * misspelt model name does not compile; every model name is also an alias (an implicit
 * one-model route).
 */
export type GatewayConfig<
  M extends Readonly<Record<string, GatewayModel>> = Readonly<Record<string, GatewayModel>>,
  R extends Readonly<Record<string, RouteSpec<Extract<keyof M, string>>>> = Readonly<Record<string, RouteSpec<Extract<keyof M, string>>>>,
> = Omit<GatewaySettingsInput, "aliases"> & {
  readonly models: M;
  readonly routes?: R;
  /** Extra names for routes or models. */
  readonly aliases?: Readonly<Record<string, Extract<keyof R, string> | Extract<keyof M, string>>>;
  /** Models served on `POST /v1/embeddings`, by the name clients send. */
  readonly embeddings?: Readonly<Record<string, GatewayEmbeddingModel>>;
};

/**
 * Declares a gateway config with full type checking (the identity at runtime). Export it
 * as the default of `switchyard.config.ts`.
 * @example
 * export default defineConfig({
 *   models: { fast: openai("gpt-4o-mini"), smart: openai("gpt-4o") },
 *   routes: { main: { models: ["fast", "smart"], retry: { maxRetries: 2 } } },
 *   aliases: { "gpt-4o": "smart" },
 * });
 */
export const defineConfig = <
  const M extends Readonly<Record<string, GatewayModel>>,
  const R extends Readonly<Record<string, RouteSpec<Extract<keyof M, string>>>> = Readonly<Record<never, never>>,
>(
  config: GatewayConfig<M, R>,
): GatewayConfig<M, R> => config;
