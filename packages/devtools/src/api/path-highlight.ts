import type { RouteGraph } from "@switchyard/core";
import type { AttemptView } from "./api-types.js";

/** One model's attempts within a run, for the "(3/3)" retry counts on the graph. */
export interface ModelAttempts {
  readonly model: string;
  readonly attempts: number;
  /** Attempts the route allows per model (retries + 1). */
  readonly allowed: number;
  readonly outcome: "success" | "error" | "invalid" | "cancelled";
  readonly kinds: ReadonlyArray<string>;
}

/** What the graph lights up for a run. */
export interface PathHighlight {
  /** node id → times the run entered it. */
  readonly visits: Readonly<Record<string, number>>;
  /** edge id → times the run took it. */
  readonly edges: Readonly<Record<string, number>>;
  readonly lastNode?: string;
  readonly models: ReadonlyArray<ModelAttempts>;
  readonly fallbacks: number;
  readonly failedValidations: number;
}

/**
 * Works out which nodes and edges a run's `path` went through, how often, and each model's
 * attempts, so the graph can be drawn with the run's path lit up.
 * @example
 * const h = pathHighlight(graph, ["pick", "call", "fallback", "call", "done"], attempts);
 * h.visits.call; // 2
 */
export const pathHighlight = (graph: RouteGraph, path: ReadonlyArray<string>, attempts: ReadonlyArray<AttemptView>): PathHighlight => {
  const visits: Record<string, number> = {};
  for (const state of path) visits[state] = (visits[state] ?? 0) + 1;
  const edges: Record<string, number> = {};
  for (let i = 1; i < path.length; i++) {
    const [from, to] = [path[i - 1], path[i]];
    for (const e of graph.edges) if (e.source === from && e.target === to) edges[e.id] = (edges[e.id] ?? 0) + 1;
  }
  const allowed = graph.options.maxRetries + 1;
  const byModel = new Map<string, AttemptView[]>();
  for (const a of attempts) byModel.set(a.model, [...(byModel.get(a.model) ?? []), a]);
  const models = [...byModel].map(([model, list]): ModelAttempts => {
    const last = list[list.length - 1];
    const outcome = list.some((a) => a.outcome === "success") ? "success" : ((last?.outcome ?? "error") as ModelAttempts["outcome"]);
    return { model, attempts: list.length, allowed, outcome, kinds: list.map((a) => a.kind) };
  });
  const last = path[path.length - 1];
  return {
    visits,
    edges,
    ...(last ? { lastNode: last } : {}),
    models,
    fallbacks: attempts.filter((a) => a.kind === "fallback").length,
    failedValidations: attempts.filter((a) => a.outcome === "invalid").length,
  };
};
