import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import type { PickContext, PickPolicy } from "../graph/route-spec.js";
import { compose } from "./compose.js";
import { fallbackList } from "./fallback-list.js";
import { leastInFlight } from "./least-in-flight.js";
import { ordered } from "./ordered.js";
import { pickContext } from "./__fixtures__/pick-context.js";
import { makeMemoryRouterState } from "../state/index.js";

const pool = { a: undefined, b: undefined, c: undefined };

describe("ordered, fallbackList, compose", () => {
  it("ordered keeps pool order", () => {
    expect(Effect.runSync(ordered().order(pickContext(pool)))).toEqual(["a", "b", "c"]);
  });

  it("fallbackList puts the named models first, ignores unknown names, keeps or drops the rest", () => {
    expect(Effect.runSync(fallbackList(["c", "zz", "a", "c"]).order(pickContext(pool)))).toEqual(["c", "a", "b"]);
    expect(Effect.runSync(fallbackList(["c"], { only: true }).order(pickContext(pool)))).toEqual(["c"]);
  });

  it("compose feeds each policy the previous one's output; the last decides, earlier ones break ties", () => {
    const state = makeMemoryRouterState();
    Effect.runSync(state.beginCall("a"));
    const pick = compose(fallbackList(["c", "a", "b"]), leastInFlight());
    // b and c tie at 0 in flight: fallbackList's order (c before b) breaks the tie.
    expect(Effect.runSync(pick.order(pickContext(pool, { state })))).toEqual(["c", "b", "a"]);
    expect(Effect.runSync(compose(fallbackList(["b"], { only: true }), ordered()).order(pickContext(pool)))).toEqual(["b"]);
    expect(Effect.runSync(compose(fallbackList([], { only: true }), ordered()).order(pickContext(pool)))).toEqual([]);
  });

  it("compose hands the next policy the kept candidates in the order given, skipping unknown names, in small and large pools", () => {
    // Names a model the pool does not have, then the candidates it was given, reversed.
    const reversed = (name: string): PickPolicy => ({ name, order: <M extends string>(ctx: PickContext<M>) => Effect.succeed(["zz" as M, ...ctx.candidates.map((c) => c.name).reverse()]) });
    const large = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`m${i}`, undefined] as const));
    for (const p of [pool, large]) {
      const names = Object.keys(p);
      // The second policy sees the first one's order, so reversed twice is pool order; "zz" is dropped after each.
      expect(Effect.runSync(compose(reversed("r1"), reversed("r2")).order(pickContext(p)))).toEqual(names);
      expect(Effect.runSync(compose(reversed("r1"), ordered()).order(pickContext(p)))).toEqual([...names].reverse());
    }
  });
});
