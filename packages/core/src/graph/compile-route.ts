import { ConfigError } from "../errors/index.js";
import { stableHash } from "../policy/stable-hash.js";
import type { LanguageModel } from "../provider/index.js";
import type { ChatRequest, ModelSpec } from "../schema/index.js";
import { resolveRetry, type ResolvedRetry } from "../resilience/backoff.js";
import type { RouteGraph, RouteNodeKind } from "./route-graph.js";
import { createRouteMachine, type RouteMachine, type RouteMachineShape } from "./route-machine.js";
import type { Classifier, ModelEntry, ModelPool, PickPolicy, RouteSpec, ValidateOptions, HedgeOptions, TimeoutOptions } from "./route-spec.js";
import { compileTransitionTable, type TransitionTable } from "./transition-table.js";

/** A pool entry with its model and spec resolved. */
export interface ResolvedModel {
  readonly name: string;
  readonly model: LanguageModel;
  readonly spec: ModelSpec | undefined;
}

/** Everything the runtime needs to run one route, checked and precomputed at start-up. */
export interface CompiledRoute {
  readonly name: string;
  readonly machine: RouteMachine;
  readonly table: TransitionTable;
  readonly graph: RouteGraph;
  readonly classify: ((request: ChatRequest) => string | Promise<string>) | undefined;
  /** Label (or "default") → ordered candidates. */
  readonly pools: Readonly<Record<string, ReadonlyArray<ResolvedModel>>>;
  readonly pick: PickPolicy | undefined;
  readonly retry: ResolvedRetry;
  readonly timeout: TimeoutOptions;
  readonly validate: ValidateOptions | undefined;
  readonly hedge: HedgeOptions | undefined;
}

/** The pool label a route without a classifier uses. */
export const DEFAULT_POOL = "default";

/**
 * Resolves a pool entry (a bare model or `{ model, spec }`).
 * @example
 * resolveEntry("fast", openai("gpt-4o-mini")).model.modelId; // "gpt-4o-mini"
 */
export const resolveEntry = (name: string, entry: LanguageModel | ModelEntry): ResolvedModel =>
  "generate" in entry ? { name, model: entry, spec: undefined } : { name, model: entry.model, spec: entry.spec };

const nodeKinds: Record<string, RouteNodeKind> = {
  classify: "classify", pick: "pick", call: "call", validate: "validate", repair: "repair", fallback: "fallback", done: "done", failed: "failed",
};

const edgeLabels: Record<string, string> = {
  CLASSIFIED: "classified", PICKED: "picked", CALL_OK: "answer", CALL_FAILED: "error", VALID: "valid", INVALID: "invalid", NEXT: "next",
};

interface NodeView {
  readonly transitions: Map<string, ReadonlyArray<{ readonly guard?: unknown; readonly target?: ReadonlyArray<{ readonly key: string }> }>>;
}

/** Draws the machine as it is: its states and every transition, read off the compiled machine. */
const drawGraph = (name: string, machine: RouteMachine, compiled: Omit<RouteGraph, "route" | "hash" | "nodes" | "edges">): RouteGraph => {
  const states = machine.root.states as unknown as Record<string, NodeView>;
  const nodes = Object.keys(states).map((id) => ({ id, kind: nodeKinds[id] ?? "call", label: id }));
  const edges: Array<RouteGraph["edges"][number]> = [];
  for (const [source, node] of Object.entries(states)) {
    for (const [eventType, defs] of node.transitions) {
      for (const d of defs) {
        const target = d.target?.[0]?.key;
        if (target === undefined) continue;
        const guard = typeof d.guard === "string" ? ` [${d.guard}]` : "";
        edges.push({ id: `${source}-${eventType}-${target}`, source, target, label: `${edgeLabels[eventType] ?? eventType}${guard}` });
      }
    }
  }
  const body = { route: name, ...compiled, nodes, edges };
  // Two seeded 32-bit hashes: 64 bits are plenty to tell route graphs apart, and no Node built-in is needed.
  const json = JSON.stringify(body);
  const hash = [stableHash(json, 1), stableHash(json, 2)].map((h) => h.toString(16).padStart(8, "0")).join("");
  return { ...body, hash };
};

const classifierFn = (c: Classifier<string>) => (typeof c === "function" ? c : c.classify.bind(c));

/**
 * Checks a route against the model pool and compiles it: the xstate machine, its
 * transition table and its drawable graph. Mistakes the types could not catch (e.g. routes
 * loaded from JSON) fail here with a `ConfigError` that names the route and the field.
 * @example
 * const route = compileRoute("main", { models: ["fast", "strong"] }, pool);
 */
export const compileRoute = (name: string, spec: RouteSpec<string>, pool: ModelPool): CompiledRoute => {
  const fail = (message: string, path: ReadonlyArray<string | number>): never => {
    throw new ConfigError({ message: `route "${name}": ${message}`, path: ["routes", name, ...path] });
  };
  const resolveList = (list: unknown, path: ReadonlyArray<string | number>): ReadonlyArray<ResolvedModel> => {
    if (!Array.isArray(list) || list.length === 0) return fail("needs a non-empty list of models", path);
    return list.map((m, i) => {
      const entry = typeof m === "string" ? pool[m] : undefined;
      if (entry === undefined) {
        const known = Object.keys(pool).join(", ");
        return fail(`unknown model "${String(m)}" (the pool has: ${known})`, [...path, i]);
      }
      return resolveEntry(m as string, entry);
    });
  };

  let pools: Record<string, ReadonlyArray<ResolvedModel>>;
  let classify: CompiledRoute["classify"];
  if ("classify" in spec) {
    if (typeof spec.classify !== "function" && typeof spec.classify?.classify !== "function") fail("classify must be a function", ["classify"]);
    const entries = Object.entries(spec.pools ?? {});
    if (entries.length === 0) fail("a classified route needs pools", ["pools"]);
    pools = Object.fromEntries(entries.map(([label, list]) => [label, resolveList(list, ["pools", label])]));
    classify = classifierFn(spec.classify);
  } else {
    pools = { [DEFAULT_POOL]: resolveList((spec as { models?: unknown }).models, ["models"]) };
    classify = undefined;
  }
  const retry = resolveRetry(spec.retry);
  if (!(retry.maxRetries >= 0 && Number.isInteger(retry.maxRetries))) fail("retry.maxRetries must be a whole number ≥ 0", ["retry", "maxRetries"]);
  const repair = spec.validate?.repair ?? 0;
  if (!(repair >= 0 && Number.isInteger(repair))) fail("validate.repair must be a whole number ≥ 0", ["validate", "repair"]);
  const timeout = spec.timeout ?? {};
  for (const k of ["attemptMs", "routeMs"] as const) {
    const v = timeout[k];
    if (v !== undefined && !(v > 0)) fail(`timeout.${k} must be > 0`, ["timeout", k]);
  }
  const hedgeDelay = spec.hedge?.delayMs;
  if (hedgeDelay !== undefined && hedgeDelay !== "p95" && !(hedgeDelay >= 0)) fail("hedge.delayMs must be ≥ 0 or \"p95\"", ["hedge", "delayMs"]);

  const shape: RouteMachineShape = { id: name, classify: classify !== undefined, validate: spec.validate !== undefined, maxRepairs: repair };
  const machine = createRouteMachine(shape);
  const graph = drawGraph(name, machine, {
    ...(spec.description === undefined ? {} : { description: spec.description }),
    pools: Object.fromEntries(Object.entries(pools).map(([k, v]) => [k, v.map((m) => m.name)])),
    options: {
      pick: spec.pick?.name ?? "ordered",
      maxRetries: retry.maxRetries,
      validate: spec.validate !== undefined,
      repair,
      hedge: spec.hedge !== undefined,
      ...(timeout.attemptMs === undefined ? {} : { attemptTimeoutMs: timeout.attemptMs }),
      ...(timeout.routeMs === undefined ? {} : { routeTimeoutMs: timeout.routeMs }),
    },
  });
  return {
    name,
    machine,
    table: compileTransitionTable(machine, shape),
    graph,
    classify,
    pools,
    pick: spec.pick,
    retry,
    timeout,
    validate: spec.validate as ValidateOptions | undefined,
    hedge: spec.hedge,
  };
};
