import { describe, expectTypeOf, it } from "vitest";
import type { PickPolicy } from "../graph/route-spec.js";
import { policyFor } from "./policy-for.js";
import { weighted } from "./weighted.js";
import { echoModel } from "./__fixtures__/pick-context.js";

const models = { mini: echoModel("mini"), large: { model: echoModel("large") } };

describe("policyFor", () => {
  it("accepts the pool's model names", () => {
    const p = policyFor(models);
    expectTypeOf(p.weighted({ weights: { mini: 90, large: 10 } })).toEqualTypeOf<PickPolicy>();
    expectTypeOf(p.fallbackList(["large", "mini"])).toEqualTypeOf<PickPolicy>();
    expectTypeOf(p.withinBudget({ limits: { large: { usd: 5, per: "day" } } })).toEqualTypeOf<PickPolicy>();
  });

  it("rejects a name that is not in the pool", () => {
    const p = policyFor(models);
    // @ts-expect-error "mnii" is not a model of the pool
    p.weighted({ weights: { mnii: 90, large: 10 } });
    // @ts-expect-error "gpt-5" is not a model of the pool
    p.fallbackList(["gpt-5"]);
    // @ts-expect-error "gpt-5" is not a model of the pool
    p.withinBudget({ limits: { "gpt-5": { usd: 5, per: "day" } } });
    // @ts-expect-error the same check with the model names given explicitly
    weighted<"mini" | "large">({ weights: { mini: 1, xl: 1 } });
  });
});
