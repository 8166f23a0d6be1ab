import { ConfigError, type EmbeddingModel, type ModelEntry, type ModelSpec, type Provider } from "@switchyard/core";
import { anthropic, catalogue, createOpenAICompatible, deepseek, fireworks, groq, lmstudio, mistral, ollama, openai, openrouter, together, vllm, xai } from "@switchyard/providers";
import type { ModelDeclaration } from "./model-declaration.js";
import { resolveSecret } from "./resolve-secret.js";

/** A declaration with its secret resolved; what provider factories receive. */
interface ResolvedDeclaration extends Omit<ModelDeclaration, "apiKey"> {
  readonly apiKey?: string;
}

type ProviderFactory = (d: ResolvedDeclaration, path: ReadonlyArray<string | number>) => Provider;

const simulatorBaseURL = (d: ResolvedDeclaration, path: ReadonlyArray<string | number>): string => {
  if (d.baseURL !== undefined) return d.baseURL;
  const env = process.env["SWITCHYARD_SIMULATOR_URL"];
  if (env === undefined || env === "") {
    throw new ConfigError({ message: `${path.join(".")}: provider "simulator" needs \`baseURL\` or SWITCHYARD_SIMULATOR_URL`, path });
  }
  return `${env.replace(/\/+$/, "")}/v1`;
};

const needBaseURL = (d: ResolvedDeclaration, path: ReadonlyArray<string | number>): string => {
  if (d.baseURL === undefined) throw new ConfigError({ message: `${path.join(".")}.baseURL: required for provider "${d.provider}"`, path: [...path, "baseURL"] });
  return d.baseURL;
};

const compatible = (name: string, baseURL: string, d: ResolvedDeclaration): Provider =>
  createOpenAICompatible({ name, baseURL, ...(d.apiKey ? { apiKey: d.apiKey } : {}), ...(d.headers ? { headers: d.headers } : {}) });

/** Provider names a declaration may use, and how each builds its provider. */
const factories: Readonly<Record<string, ProviderFactory>> = {
  "openai-compatible": (d, path) => compatible("openai-compatible", needBaseURL(d, path), d),
  // The bundled upstream simulator: a stand-in for demos and tests, never a real model.
  simulator: (d, path) => compatible("simulator", simulatorBaseURL(d, path), d),
  openai: (d) => openai(settingsOf(d)),
  anthropic: (d) => anthropic(settingsOf(d)),
  groq: (d) => groq(settingsOf(d)),
  mistral: (d) => mistral(settingsOf(d)),
  together: (d) => together(settingsOf(d)),
  fireworks: (d) => fireworks(settingsOf(d)),
  deepseek: (d) => deepseek(settingsOf(d)),
  openrouter: (d) => openrouter(settingsOf(d)),
  xai: (d) => xai(settingsOf(d)),
  vllm: (d) => vllm(settingsOf(d)),
  ollama: (d) => ollama(settingsOf(d)),
  lmstudio: (d) => lmstudio(settingsOf(d)),
};

const settingsOf = (d: ResolvedDeclaration) => ({
  ...(d.apiKey ? { apiKey: d.apiKey } : {}),
  ...(d.baseURL ? { baseURL: d.baseURL } : {}),
  ...(d.headers ? { headers: d.headers } : {}),
});

/** The catalogue's spec for `provider/model`, when it has one (prices for budgets and cost). */
const catalogueSpec = (d: ModelDeclaration): ModelSpec | undefined => (catalogue as Readonly<Record<string, ModelSpec>>)[`${d.provider}/${d.model}`];

/** Provider names data configs may use. */
export const declarableProviders = (): ReadonlyArray<string> => Object.keys(factories);

const providerFor = (d: ModelDeclaration, path: ReadonlyArray<string | number>, secrets: Set<string>): Provider => {
  const factory = factories[d.provider];
  if (factory === undefined) {
    throw new ConfigError({ message: `${[...path, "provider"].join(".")}: unknown provider "${d.provider}" (one of ${Object.keys(factories).join(", ")})`, path: [...path, "provider"] });
  }
  const apiKey = d.apiKey === undefined ? undefined : resolveSecret(d.apiKey, [...path, "apiKey"]);
  if (apiKey !== undefined) secrets.add(apiKey);
  const { apiKey: _k, ...rest } = d;
  return factory(apiKey === undefined ? rest : { ...rest, apiKey }, path);
};

/**
 * Builds a chat model (with its spec when declared) from a declaration. Resolved API keys
 * are added to `secrets` so the logger can redact them.
 * @example
 * const entry = buildModel({ provider: "simulator", model: "gpt-4o-mini" }, ["models", "fast"], secrets);
 */
export const buildModel = (d: ModelDeclaration, path: ReadonlyArray<string | number>, secrets: Set<string>): ModelEntry => {
  const model = providerFor(d, path, secrets)(d.model);
  const spec = d.spec ?? catalogueSpec(d);
  return spec === undefined ? { model } : { model, spec };
};

/**
 * Builds an embedding model from a declaration; a provider without embeddings is a ConfigError.
 * @example
 * const embedder = buildEmbeddingModel({ provider: "openai", model: "text-embedding-3-small", apiKey: "env:OPENAI_API_KEY" }, ["embeddings", "small"], secrets);
 */
export const buildEmbeddingModel = (d: ModelDeclaration, path: ReadonlyArray<string | number>, secrets: Set<string>): EmbeddingModel => {
  const provider = providerFor(d, path, secrets);
  if (provider.embedding === undefined) {
    throw new ConfigError({ message: `${path.join(".")}: provider "${d.provider}" has no embedding models`, path });
  }
  return provider.embedding(d.model);
};
