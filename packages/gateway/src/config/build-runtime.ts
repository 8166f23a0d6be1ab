import {
  createRouter,
  type EmbeddingModel,
  type LanguageModel,
  type ModelEntry,
  type Pricing,
  type RouteSpec,
  type Router,
  type RouterStateService,
  type RunObserver,
} from "@switchyard/core";
import { configKeyId, hashKey, keyPreview, type VirtualKey } from "../auth/virtual-key.js";
import { buildEmbeddingModel, buildModel } from "./build-model.js";
import type { GatewaySettings } from "./gateway-settings.js";
import { isModelDeclaration } from "./model-declaration.js";
import { resolveSecret } from "./resolve-secret.js";
import type { ValidatedConfig } from "./validate-config.js";

/** One entry of `GET /v1/models`. */
export interface ListedModel {
  readonly id: string;
  readonly object: "model";
  readonly created: number;
  readonly owned_by: string;
}

/**
 * Everything a config turns into, swapped as one unit on hot reload: requests capture the
 * runtime they started with, so in-flight calls finish on the router they began on.
 */
export interface GatewayRuntime {
  readonly router: Router;
  /** The router route a client's `model` names (route, model alias or extra alias). */
  readonly resolve: (name: string) => string | undefined;
  readonly models: ReadonlyArray<ListedModel>;
  /** Config-declared keys by hash. */
  readonly configKeys: ReadonlyMap<string, VirtualKey>;
  readonly authEnabled: boolean;
  readonly adminKeyHash: string | undefined;
  /** Cache TTL for a route, or undefined when the route is not cached. */
  readonly cacheTtlMs: (route: string) => number | undefined;
  /** Highest list prices among a route's models (for budget reservations); undefined when any is unpriced. */
  readonly pricing: (route: string) => Pricing | undefined;
  readonly embeddings: ReadonlyMap<string, EmbeddingModel>;
  readonly settings: GatewaySettings;
  /** Resolved secrets, for log redaction. */
  readonly secrets: ReadonlySet<string>;
}

const modelsOfRoute = (spec: RouteSpec<string>): ReadonlyArray<string> =>
  "models" in spec ? spec.models : [...new Set(Object.values<ReadonlyArray<string>>(spec.pools).flat())];

const maxPricing = (specs: ReadonlyArray<ModelEntry["spec"]>): Pricing | undefined => {
  if (specs.length === 0 || specs.some((s) => s === undefined)) return undefined;
  return {
    input: Math.max(...specs.map((s) => s!.pricing.input)),
    output: Math.max(...specs.map((s) => s!.pricing.output)),
  };
};

const buildKeys = (settings: GatewaySettings, secrets: Set<string>): Map<string, VirtualKey> => {
  const out = new Map<string, VirtualKey>();
  (settings.keys ?? []).forEach((k, i) => {
    const plaintext = k.key === undefined ? undefined : resolveSecret(k.key, ["keys", i, "key"]);
    if (plaintext !== undefined) secrets.add(plaintext);
    const hash = plaintext === undefined ? k.hash! : hashKey(plaintext);
    out.set(hash, {
      id: configKeyId(k.name),
      name: k.name,
      hash,
      preview: plaintext === undefined ? `sha256:${hash.slice(0, 8)}…` : keyPreview(plaintext),
      createdAt: 0,
      source: "config",
      ...(k.routes ? { routes: k.routes } : {}),
      ...(k.rpm !== undefined ? { rpm: k.rpm } : {}),
      ...(k.tpm !== undefined ? { tpm: k.tpm } : {}),
      ...(k.budget ? { budget: k.budget } : {}),
    });
  });
  return out;
};

/**
 * Builds the runtime of a validated config: models from declarations, the router (config
 * routes plus one implicit one-model route per model name), aliases, keys and cache policy.
 * Throws a ConfigError naming the field on any problem (the old runtime keeps serving).
 * @example
 * const runtime = buildRuntime(validateConfig(raw), { state });
 */
export const buildRuntime = (config: ValidatedConfig, deps: { readonly state: RouterStateService; readonly observer?: RunObserver }): GatewayRuntime => {
  const secrets = new Set<string>();
  const pool: Record<string, LanguageModel | ModelEntry> = {};
  for (const [name, m] of Object.entries(config.models)) pool[name] = isModelDeclaration(m) ? buildModel(m, ["models", name], secrets) : m;
  const embeddings = new Map<string, EmbeddingModel>();
  for (const [name, e] of Object.entries(config.embeddings)) embeddings.set(name, isModelDeclaration(e) ? buildEmbeddingModel(e, ["embeddings", name], secrets) : e);

  const routes: Record<string, RouteSpec<string>> = { ...config.routes };
  // Every model is also an implicit one-model route; a route of the same name wins.
  for (const name of Object.keys(pool)) if (!(name in routes)) routes[name] = { models: [name] };
  const router = createRouter({ models: pool, routes, state: deps.state, ...(deps.observer ? { observer: deps.observer } : {}) }) as unknown as Router;

  const { settings } = config;
  const resolveMap = new Map<string, string>(Object.keys(routes).map((r) => [r, r]));
  for (const [alias, target] of Object.entries(settings.aliases ?? {})) resolveMap.set(alias, target);

  const created = Math.floor(Date.now() / 1000);
  const listed: ListedModel[] = [...resolveMap.keys()].sort().map((id) => ({ id, object: "model", created, owned_by: "switchyard" }));

  const pricingByRoute = new Map<string, Pricing | undefined>();
  for (const [name, spec] of Object.entries(routes)) pricingByRoute.set(name, maxPricing(modelsOfRoute(spec).map((m) => router.entry(m)?.spec)));

  const cacheTtl = settings.cache === undefined ? undefined : settings.cache.ttlSeconds * 1000;
  const adminKey = settings.admin === undefined ? undefined : resolveSecret(settings.admin.key, ["admin", "key"]);
  if (adminKey !== undefined) secrets.add(adminKey);

  return {
    router,
    resolve: (name) => resolveMap.get(name),
    models: listed,
    configKeys: buildKeys(settings, secrets),
    authEnabled: settings.keys !== undefined,
    adminKeyHash: adminKey === undefined ? undefined : hashKey(adminKey),
    cacheTtlMs: (route) => (cacheTtl === undefined || settings.cache?.routes?.[route] === false ? undefined : cacheTtl),
    pricing: (route) => pricingByRoute.get(route),
    embeddings,
    settings,
    secrets,
  };
};
