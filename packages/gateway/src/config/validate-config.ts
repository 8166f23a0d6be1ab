import { ConfigError, type EmbeddingModel, type LanguageModel, type ModelEntry, type PickPolicy, type RouteSpec } from "@switchyard/core";
import { z } from "zod";
import { formatIssuePath } from "../internal/format-issue-path.js";
import { GatewaySettings } from "./gateway-settings.js";
import { ModelDeclaration, isModelDeclaration } from "./model-declaration.js";
import { pickPolicyByName, pickPolicyNames } from "./pick-policy-by-name.js";

/** A config after validation: shapes checked, names cross-checked, secrets not yet resolved. */
export interface ValidatedConfig {
  readonly models: Readonly<Record<string, LanguageModel | ModelEntry | ModelDeclaration>>;
  readonly routes: Readonly<Record<string, RouteSpec<string>>>;
  readonly embeddings: Readonly<Record<string, EmbeddingModel | ModelDeclaration>>;
  readonly settings: GatewaySettings;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isLanguageModel = (v: unknown): v is LanguageModel =>
  isObject(v) && v["specificationVersion"] === "switchyard.v1" && typeof v["generate"] === "function" && typeof v["stream"] === "function";
const isEmbeddingModel = (v: unknown): v is EmbeddingModel => isObject(v) && v["specificationVersion"] === "switchyard.v1" && typeof v["embed"] === "function";
const isModelEntry = (v: unknown): v is ModelEntry => isObject(v) && isLanguageModel(v["model"]);

const fail = (path: ReadonlyArray<string | number>, message: string): never => {
  throw new ConfigError({ message: `${formatIssuePath(path)}: ${message}`, path });
};

const parseAt = <S extends z.ZodType>(schema: S, value: unknown, base: ReadonlyArray<string | number>): z.output<S> => {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = [...base, ...(issue?.path ?? []).map((p) => (typeof p === "number" ? p : String(p)))];
  return fail(path, issue?.message ?? "invalid");
};

const RetrySchema = z.union([
  z.literal(false),
  z.strictObject({
    maxRetries: z.number().int().nonnegative().optional(),
    initialDelayMs: z.number().nonnegative().optional(),
    maxDelayMs: z.number().nonnegative().optional(),
    factor: z.number().positive().optional(),
    jitter: z.number().min(0).max(1).optional(),
    honourRetryAfter: z.boolean().optional(),
    maxRetryAfterMs: z.number().nonnegative().optional(),
  }),
]);

/** Route fields checkable as data; functions (classify, validate, pick policies) come from TS configs. */
const RouteShape = z.object({
  description: z.string().optional(),
  models: z.array(z.string().min(1)).min(1).optional(),
  classify: z.unknown().optional(),
  pools: z.record(z.string(), z.array(z.string().min(1)).min(1)).optional(),
  retry: RetrySchema.optional(),
  timeout: z
    .strictObject({
      attemptMs: z.number().positive().optional(),
      routeMs: z.number().positive().optional(),
      /** Streams: longest silence between events after the first token; then the stream ends with an error event. */
      idleMs: z.number().positive().optional(),
    })
    .optional(),
  hedge: z.strictObject({ delayMs: z.union([z.number().nonnegative(), z.literal("p95")]) }).optional(),
  validate: z.unknown().optional(),
  pick: z.unknown().optional(),
});

const checkModelNames = (names: ReadonlyArray<string>, known: ReadonlySet<string>, path: ReadonlyArray<string | number>): void => {
  names.forEach((n, i) => {
    if (!known.has(n)) fail([...path, i], `unknown model "${n}"`);
  });
};

const validateRoute = (name: string, raw: unknown, models: ReadonlySet<string>): RouteSpec<string> => {
  const path = ["routes", name];
  const shape = parseAt(RouteShape, raw, path);
  if (shape.models !== undefined) checkModelNames(shape.models, models, [...path, "models"]);
  else if (shape.pools !== undefined && shape.classify !== undefined) {
    for (const [label, pool] of Object.entries(shape.pools)) checkModelNames(pool, models, [...path, "pools", label]);
    if (typeof shape.classify !== "function" && !(isObject(shape.classify) && typeof shape.classify["classify"] === "function")) {
      fail([...path, "classify"], "must be a function (classified routes are written in a TS config)");
    }
  } else fail(path, "a route needs `models`, or `classify` and `pools`");
  const route = { ...(raw as Record<string, unknown>) };
  // In data configs a pick policy is named: "cheapest", "fastest", ...
  if (typeof shape.pick === "string") {
    const policy = pickPolicyByName(shape.pick);
    if (policy === undefined) fail([...path, "pick"], `unknown pick policy "${shape.pick}" (one of ${pickPolicyNames.join(", ")})`);
    route["pick"] = policy;
  } else if (shape.pick !== undefined && !(isObject(shape.pick) && typeof (shape.pick as Partial<PickPolicy>).order === "function")) {
    fail([...path, "pick"], "must be a pick policy or the name of one");
  }
  return route as unknown as RouteSpec<string>;
};

/**
 * Validates a config object (a TS module's default export or parsed JSON/YAML): every
 * model, route, alias and key scope is checked, and the first problem is a ConfigError
 * naming the field, e.g. `routes.main.models[1]: unknown model "gtp-4o"`.
 * @example
 * const valid = validateConfig(JSON.parse(text));
 */
export const validateConfig = (raw: unknown): ValidatedConfig => {
  if (!isObject(raw)) return fail([], "a config must be an object (did you `export default defineConfig({...})`?)");
  if (!isObject(raw["models"])) return fail(["models"], "required: an object of named models");
  const models: Record<string, LanguageModel | ModelEntry | ModelDeclaration> = {};
  for (const [name, m] of Object.entries(raw["models"])) {
    if (isLanguageModel(m) || isModelEntry(m)) models[name] = m;
    else if (isModelDeclaration(m)) models[name] = parseAt(ModelDeclaration, m, ["models", name]);
    else fail(["models", name], "expected a model built in code (e.g. openai(\"gpt-4o\")) or a declaration { provider, model }");
  }
  if (Object.keys(models).length === 0) fail(["models"], "declare at least one model");
  const modelNames = new Set(Object.keys(models));

  const routes: Record<string, RouteSpec<string>> = {};
  if (raw["routes"] !== undefined) {
    if (!isObject(raw["routes"])) fail(["routes"], "must be an object of named routes");
    for (const [name, r] of Object.entries(raw["routes"] as Record<string, unknown>)) routes[name] = validateRoute(name, r, modelNames);
  }

  const embeddings: Record<string, EmbeddingModel | ModelDeclaration> = {};
  if (raw["embeddings"] !== undefined) {
    if (!isObject(raw["embeddings"])) fail(["embeddings"], "must be an object of named embedding models");
    for (const [name, e] of Object.entries(raw["embeddings"] as Record<string, unknown>)) {
      if (isEmbeddingModel(e)) embeddings[name] = e;
      else embeddings[name] = parseAt(ModelDeclaration, e, ["embeddings", name]);
    }
  }

  const { models: _m, routes: _r, embeddings: _e, ...rest } = raw;
  const settings = parseAt(GatewaySettings, rest, []);
  const addressable = new Set([...modelNames, ...Object.keys(routes)]);
  for (const [alias, target] of Object.entries(settings.aliases ?? {})) {
    if (!addressable.has(target)) fail(["aliases", alias], `unknown route or model "${target}"`);
  }
  const scoped = new Set([...addressable, ...Object.keys(settings.aliases ?? {})]);
  (settings.keys ?? []).forEach((k, i) =>
    (k.routes ?? []).forEach((r, j) => {
      if (!scoped.has(r)) fail(["keys", i, "routes", j], `unknown route or model "${r}"`);
    }),
  );
  return { models, routes, embeddings, settings };
};
