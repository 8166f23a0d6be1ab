/** Pools up to this size are searched name by name; larger ones through a Map built once. */
const SCAN_LIMIT = 16;

/**
 * The candidates a pick policy kept, in the order it gave (`names` unknown to the pool are
 * skipped): how `compose` hands one policy's answer to the next, how a run turns the final
 * answer back into models, and which of `fallbackList`'s names the pool has. A route's pool
 * is usually a handful of models: scanning it per name costs less than building a Map on
 * every pick, and a plain loop avoids `flatMap`'s array per element.
 * @example
 * inOrderOf(["b", "zz", "a"], [{ name: "a" }, { name: "b" }]); // [{ name: "b" }, { name: "a" }]
 */
export const inOrderOf = <C extends { readonly name: string }>(names: ReadonlyArray<string>, candidates: ReadonlyArray<C>): C[] => {
  const kept: C[] = [];
  const byName = candidates.length > SCAN_LIMIT ? new Map(candidates.map((c) => [c.name, c] as const)) : undefined;
  for (const name of names) {
    const c = byName === undefined ? candidates.find((x) => x.name === name) : byName.get(name);
    if (c !== undefined) kept.push(c);
  }
  return kept;
};
