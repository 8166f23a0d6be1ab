import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { makeMemoryRouterState } from "../state/index.js";
import { fastest } from "./fastest.js";
import { leastInFlight } from "./least-in-flight.js";
import { pickContext } from "./__fixtures__/pick-context.js";

const pool = { a: undefined, b: undefined, c: undefined, fresh: undefined };

const scripted = () => {
  const state = makeMemoryRouterState();
  const record = (model: string, latencyMs: number, ttftMs: number) => Effect.runSync(state.recordOutcome(model, { ok: true, latencyMs, ttftMs }));
  for (let i = 0; i < 10; i++) {
    record("a", 900, 50);
    record("b", 300, 200);
    record("c", 600, 100);
  }
  return state;
};

describe("fastest", () => {
  it("orders by EWMA latency, unmeasured models explored first by default", () => {
    const state = scripted();
    expect(Effect.runSync(fastest().order(pickContext(pool, { state })))).toEqual(["fresh", "b", "c", "a"]);
    expect(Effect.runSync(fastest({ unknown: "last" }).order(pickContext(pool, { state })))).toEqual(["b", "c", "a", "fresh"]);
  });

  it("orders by time to first token when asked", () => {
    const state = scripted();
    expect(Effect.runSync(fastest({ by: "ttft", unknown: "last" }).order(pickContext(pool, { state })))).toEqual(["a", "c", "b", "fresh"]);
  });

  it("follows the EWMA as a model slows down", () => {
    const state = scripted();
    for (let i = 0; i < 20; i++) Effect.runSync(state.recordOutcome("b", { ok: true, latencyMs: 2000 }));
    expect(Effect.runSync(fastest({ unknown: "last" }).order(pickContext(pool, { state })))).toEqual(["c", "a", "b", "fresh"]);
  });
});

describe("leastInFlight", () => {
  it("orders by requests in flight, ties in pool order", () => {
    const state = makeMemoryRouterState();
    Effect.runSync(Effect.all([state.beginCall("a"), state.beginCall("a"), state.beginCall("b"), state.beginCall("c"), state.beginCall("c")]));
    expect(Effect.runSync(leastInFlight().order(pickContext(pool, { state })))).toEqual(["fresh", "b", "a", "c"]);
    Effect.runSync(Effect.all([state.endCall("a"), state.endCall("a")]));
    expect(Effect.runSync(leastInFlight().order(pickContext(pool, { state })))).toEqual(["a", "fresh", "b", "c"]);
    // One order Effect run twice reads the stats afresh each time and carries nothing over.
    const once = leastInFlight().order(pickContext(pool, { state }));
    expect(Effect.runSync(once)).toEqual(["a", "fresh", "b", "c"]);
    Effect.runSync(Effect.all([state.beginCall("a"), state.beginCall("a")]));
    expect(Effect.runSync(once)).toEqual(["fresh", "b", "a", "c"]);
  });
});
