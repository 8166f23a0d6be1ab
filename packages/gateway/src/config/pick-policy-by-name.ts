import { policy, type PickPolicy } from "@switchyard/core";

const byName: Readonly<Record<string, () => PickPolicy>> = {
  ordered: () => policy.ordered(),
  cheapest: () => policy.cheapest(),
  fastest: () => policy.fastest(),
  leastInFlight: () => policy.leastInFlight(),
  healthy: () => policy.healthy(),
};

/** Pick policy names a JSON/YAML config may use. */
export const pickPolicyNames: ReadonlyArray<string> = Object.keys(byName);

/**
 * The pick policy a data config names, with its defaults.
 * @example
 * pickPolicyByName("cheapest");
 */
export const pickPolicyByName = (name: string): PickPolicy | undefined => byName[name]?.();
