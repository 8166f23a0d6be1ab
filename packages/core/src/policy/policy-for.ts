import type { ModelPool } from "../graph/route-spec.js";
import { fallbackList } from "./fallback-list.js";
import { weighted, type WeightedOptions } from "./weighted.js";
import { withinBudget, type WithinBudgetOptions } from "./within-budget.js";
import { capable } from "./capable.js";
import { cheapest } from "./cheapest.js";
import { compose } from "./compose.js";
import { fastest } from "./fastest.js";
import { healthy } from "./healthy.js";
import { leastInFlight } from "./least-in-flight.js";
import { ordered } from "./ordered.js";

/**
 * The policy namespace typed to one model pool: policies that name models (`weighted`,
 * `withinBudget`, `fallbackList`) only accept that pool's names, so a typo is a compile
 * error rather than an arm that silently never runs.
 * @example
 * const models = { mini: openai("gpt-4o-mini"), large: openai("gpt-4o") };
 * const p = policyFor(models);
 * p.weighted({ weights: { mini: 90, large: 10 } });
 * // p.weighted({ weights: { mnii: 90 } }); // ← compile error
 */
export const policyFor = <P extends ModelPool>(_models?: P) => {
  type M = Extract<keyof P, string>;
  return {
    ordered,
    capable,
    cheapest,
    fastest,
    leastInFlight,
    healthy,
    compose,
    weighted: (options: WeightedOptions<M>) => weighted<M>(options),
    withinBudget: (options: WithinBudgetOptions<M>) => withinBudget<M>(options),
    fallbackList: (names: ReadonlyArray<M>, options?: { readonly only?: boolean }) => fallbackList<M>(names, options),
  } as const;
};
