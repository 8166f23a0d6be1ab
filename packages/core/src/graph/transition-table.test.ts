import { describe, expect, it } from "vitest";
import { initialTransition, transition } from "xstate";
import { createRouteMachine, type RouteMachineEvent, type RouteMachineShape } from "./route-machine.js";
import { compileTransitionTable } from "./transition-table.js";

/** A small seeded PRNG so failures reproduce. */
const prng = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

const events = (r: () => number): RouteMachineEvent => {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  return pick<RouteMachineEvent>([
    { type: "CLASSIFIED", label: "a" },
    { type: "PICKED", order: pick([[], ["m1"], ["m1", "m2"], ["m1", "m2", "m3"]]) },
    { type: "CALL_OK", validate: r() < 0.5, consumed: 1 },
    { type: "CALL_FAILED", error: pick(["RateLimited", "BadRequest", "Timeout", "AuthFailed"] as const), consumed: pick([1, 2]) },
    { type: "VALID" },
    { type: "INVALID" },
    { type: "NEXT" },
  ]);
};

describe("the transition table is the xstate machine, run faster", () => {
  const shapes: RouteMachineShape[] = [
    { id: "plain", classify: false, validate: false, maxRepairs: 0 },
    { id: "classified", classify: true, validate: false, maxRepairs: 0 },
    { id: "validated", classify: false, validate: true, maxRepairs: 0 },
    { id: "repairing", classify: true, validate: true, maxRepairs: 2 },
  ];
  for (const shape of shapes) {
    it(`agrees with xstate.transition on 400 random event sequences (${shape.id})`, () => {
      const machine = createRouteMachine(shape);
      const table = compileTransitionTable(machine, shape);
      const r = prng(shape.id.length * 7919);
      let finals = 0;
      for (let run = 0; run < 400; run++) {
        let [snap] = initialTransition(machine);
        let fast = table.initial();
        expect(fast.state).toBe(snap.value);
        for (let i = 0; i < 12 && snap.status !== "done"; i++) {
          const ev = events(r);
          [snap] = transition(machine, snap, ev);
          fast = table.next(fast, ev);
          expect(fast.state).toBe(snap.value);
          expect(fast.context).toEqual(snap.context);
          expect(fast.final).toBe(snap.status === "done");
        }
        if (snap.status === "done") finals++;
      }
      // The walk must actually reach the final states, or the comparison proves little.
      expect(finals).toBeGreaterThan(20);
    });
  }

  it("draws only the states a route uses", () => {
    const plain = createRouteMachine({ id: "p", classify: false, validate: false, maxRepairs: 0 });
    expect(Object.keys(plain.root.states)).toEqual(["pick", "call", "fallback", "done", "failed"]);
    const full = createRouteMachine({ id: "f", classify: true, validate: true, maxRepairs: 1 });
    expect(Object.keys(full.root.states)).toEqual(["classify", "pick", "call", "validate", "repair", "fallback", "done", "failed"]);
  });
});
