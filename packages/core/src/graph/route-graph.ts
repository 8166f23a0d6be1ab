/** The kind of a node in a compiled route graph. */
export type RouteNodeKind = "classify" | "pick" | "call" | "validate" | "repair" | "fallback" | "done" | "failed";

/**
 * A serialisable drawing of a compiled route: the states of its machine and the
 * transitions between them, plus the pools each call may use. Devtools draws this, and
 * highlights a run's `path` on it.
 * @example
 * const g: RouteGraph = { route: "main", hash: "a1b2", nodes: [{ id: "call", kind: "call", label: "call" }], edges: [] , pools: { default: ["a"] } };
 */
export interface RouteGraph {
  readonly route: string;
  /** Stable hash of the graph: the same route definition always hashes the same. */
  readonly hash: string;
  readonly description?: string;
  readonly nodes: ReadonlyArray<{ readonly id: string; readonly kind: RouteNodeKind; readonly label: string }>;
  readonly edges: ReadonlyArray<{ readonly id: string; readonly source: string; readonly target: string; readonly label: string }>;
  /** Class (or "default") → ordered model names. */
  readonly pools: Readonly<Record<string, ReadonlyArray<string>>>;
  readonly options: {
    readonly pick: string;
    readonly maxRetries: number;
    readonly validate: boolean;
    readonly repair: number;
    readonly hedge: boolean;
    readonly attemptTimeoutMs?: number;
    readonly routeTimeoutMs?: number;
  };
}
