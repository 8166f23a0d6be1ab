import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { makeMemoryRouterState } from "../state/index.js";
import { fallbackList } from "./fallback-list.js";
import { healthy } from "./healthy.js";
import { pickContext } from "./__fixtures__/pick-context.js";

const pool = { a: undefined, b: undefined, c: undefined };
const health = { failureThreshold: 3, windowMs: 10_000, cooldownMs: 5_000 };

const setup = () => {
  let now = 1_000_000;
  const state = makeMemoryRouterState(health, () => now);
  const fail = (model: string, times = 3) => {
    for (let i = 0; i < times; i++) Effect.runSync(state.recordOutcome(model, { ok: false, latencyMs: 10, errorTag: "Unavailable" }));
  };
  const order = (inner = healthy()) => Effect.runSync(inner.order(pickContext(pool, { state })));
  return { state, fail, order, advance: (ms: number) => void (now += ms) };
};

describe("healthy", () => {
  it("drops a model whose circuit is open; a few failures below the threshold do not", () => {
    const { fail, order } = setup();
    fail("b", 2);
    expect(order()).toEqual(["a", "b", "c"]);
    fail("b", 1);
    expect(order()).toEqual(["a", "c"]);
  });

  it("keeps cooled-down models as the last resort only when nothing else is left", () => {
    const { fail, order } = setup();
    fail("a");
    fail("b");
    fail("c");
    expect(order()).toEqual(["a", "b", "c"]);
  });

  it("after the cool-down, sends one probe first; a second request skips the model while it is probed", () => {
    const { state, fail, order, advance } = setup();
    fail("c");
    advance(5_001);
    expect(order()).toEqual(["c", "a", "b"]);
    expect(order()).toEqual(["a", "b"]);
    // The probe succeeded: the circuit closes and c is back in its pool place.
    Effect.runSync(state.recordOutcome("c", { ok: true, latencyMs: 20 }));
    expect(order()).toEqual(["a", "b", "c"]);
  });

  it("a failed probe opens the circuit again", () => {
    const { state, fail, order, advance } = setup();
    fail("a");
    advance(5_001);
    expect(order()).toEqual(["a", "b", "c"]);
    Effect.runSync(state.recordOutcome("a", { ok: false, latencyMs: 20, errorTag: "Timeout" }));
    expect(order()).toEqual(["b", "c"]);
  });

  it("wraps an inner policy and keeps its order", () => {
    const { fail, order } = setup();
    fail("b");
    expect(order(healthy(fallbackList(["c", "b", "a"])))).toEqual(["c", "a"]);
  });
});
