import type { RouteMachine, RouteMachineContext, RouteMachineEvent, RouteMachineShape } from "./route-machine.js";
import { routeGuards, routeUpdates } from "./route-machine.js";

interface CompiledTransition {
  readonly guard: ((args: { context: RouteMachineContext; event: RouteMachineEvent }) => boolean) | undefined;
  readonly updates: ReadonlyArray<(c: RouteMachineContext, e: RouteMachineEvent) => RouteMachineContext>;
  readonly target: string;
}

/** A route machine's snapshot as the fast interpreter keeps it. */
export interface TableSnapshot {
  readonly state: string;
  readonly context: RouteMachineContext;
  readonly final: boolean;
}

/**
 * A route machine compiled to a lookup table, read off the xstate machine's own state
 * nodes (targets, guard names and action names), so the machine stays the single source of
 * truth. Each step is a map lookup plus the same guard and update functions xstate runs:
 * about a microsecond, against tens for `xstate.transition` on the hot path.
 * @example
 * const table = compileTransitionTable(machine, shape);
 * let snap = table.initial();
 * snap = table.next(snap, { type: "PICKED", order: ["a"] });
 */
export interface TransitionTable {
  readonly initial: () => TableSnapshot;
  readonly next: (snapshot: TableSnapshot, event: RouteMachineEvent) => TableSnapshot;
}

interface StateNodeView {
  readonly type: string;
  readonly transitions: Map<string, ReadonlyArray<{ guard?: unknown; actions: ReadonlyArray<unknown>; target?: ReadonlyArray<{ key: string }> }>>;
}

/** Builds the table for `machine` (made by `createRouteMachine(shape)`). @example compileTransitionTable(machine, shape).initial().state; // "pick" */
export const compileTransitionTable = (machine: RouteMachine, shape: RouteMachineShape): TransitionTable => {
  const guards: Record<string, CompiledTransition["guard"]> = routeGuards(shape);
  const updates: Record<string, CompiledTransition["updates"][number]> = routeUpdates;
  const table = new Map<string, Map<string, ReadonlyArray<CompiledTransition>>>();
  const finals = new Set<string>();
  const states = machine.root.states as unknown as Record<string, StateNodeView>;
  for (const [key, node] of Object.entries(states)) {
    if (node.type === "final") finals.add(key);
    const byEvent = new Map<string, ReadonlyArray<CompiledTransition>>();
    for (const [eventType, defs] of node.transitions) {
      byEvent.set(
        eventType,
        defs.map((d) => {
          if (d.guard !== undefined && typeof d.guard !== "string") throw new Error(`route machine: inline guard in ${key}`);
          const target = d.target?.[0]?.key;
          if (target === undefined) throw new Error(`route machine: targetless transition in ${key}`);
          return {
            guard: d.guard === undefined ? undefined : guards[d.guard],
            updates: d.actions.map((a) => {
              const fn = typeof a === "string" ? updates[a] : undefined;
              if (fn === undefined) throw new Error(`route machine: unknown action in ${key}`);
              return fn;
            }),
            target,
          };
        }),
      );
    }
    table.set(key, byEvent);
  }
  const initialState = machine.root.initial.target[0]?.key ?? "pick";
  const initialContext = machine.config.context as RouteMachineContext;
  return {
    initial: () => ({ state: initialState, context: initialContext, final: false }),
    next: (snapshot, event) => {
      const candidates = table.get(snapshot.state)?.get(event.type);
      if (candidates === undefined) return snapshot;
      for (const t of candidates) {
        if (t.guard !== undefined && !t.guard({ context: snapshot.context, event })) continue;
        let context = snapshot.context;
        for (const u of t.updates) context = u(context, event);
        return { state: t.target, context, final: finals.has(t.target) };
      }
      return snapshot;
    },
  };
};
