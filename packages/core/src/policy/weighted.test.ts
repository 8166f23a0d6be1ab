import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors/index.js";
import { compose } from "./compose.js";
import { fallbackList } from "./fallback-list.js";
import { weighted } from "./weighted.js";
import { hello, pickContext } from "./__fixtures__/pick-context.js";

const pool = { a: undefined, b: undefined, c: undefined };

describe("weighted", () => {
  it("keeps a user on one arm and the other models as fallbacks in pool order", () => {
    const pick = weighted({ weights: { a: 50, b: 50 }, stickyBy: "user" });
    const ctx = pickContext(pool, { request: { ...hello, user: "user-42" } });
    const first = Effect.runSync(pick.order(ctx));
    for (let i = 0; i < 50; i++) expect(Effect.runSync(pick.order(ctx))).toEqual(first);
    expect([...first].sort()).toEqual(["a", "b", "c"]);
    expect(first.slice(1)).toEqual(["a", "b", "c"].filter((n) => n !== first[0]));
  });

  it("splits distinct users in proportion to the weights", () => {
    const pick = weighted({ weights: { a: 90, b: 10 }, stickyBy: "user" });
    let a = 0;
    const users = 5000;
    for (let i = 0; i < users; i++) {
      const [first] = Effect.runSync(pick.order(pickContext(pool, { request: { ...hello, user: `u${i}` } })));
      if (first === "a") a++;
    }
    expect(a / users).toBeGreaterThan(0.87);
    expect(a / users).toBeLessThan(0.93);
  });

  it("uses the sticky function and the salt to assign independently", () => {
    const byTeam = (salt: string) => weighted({ weights: { a: 1, b: 1 }, stickyBy: (r) => r.metadata?.["team"], salt });
    const firsts = (salt: string) =>
      Array.from({ length: 64 }, (_, i) => Effect.runSync(byTeam(salt).order(pickContext(pool, { request: { ...hello, metadata: { team: `t${i}` } } })))[0]);
    expect(firsts("x")).toEqual(firsts("x"));
    expect(firsts("x")).not.toEqual(firsts("y"));
  });

  it("draws from `random` without a sticky key, and never picks a zero-weight arm first", () => {
    const low = weighted({ weights: { a: 0, b: 3, c: 1 }, random: () => 0.1 });
    const high = weighted({ weights: { a: 0, b: 3, c: 1 }, random: () => 0.99 });
    expect(Effect.runSync(low.order(pickContext(pool)))).toEqual(["b", "a", "c"]);
    expect(Effect.runSync(high.order(pickContext(pool)))).toEqual(["c", "a", "b"]);
  });

  it("gives a filtered-out arm's share to the arms left", () => {
    const pick = compose(fallbackList(["b", "c"], { only: true }), weighted({ weights: { a: 1000, b: 1 }, random: () => 0.5 }));
    expect(Effect.runSync(pick.order(pickContext(pool)))).toEqual(["b", "c"]);
  });

  it("rejects bad weights with a ConfigError at construction", () => {
    expect(() => weighted({ weights: { a: -1 } })).toThrow(ConfigError);
    expect(() => weighted({ weights: { a: Number.NaN } })).toThrow(ConfigError);
    expect(() => weighted({ weights: { a: 0 } })).toThrow(/at least one weight must be positive/);
  });
});
