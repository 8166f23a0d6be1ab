/**
 * Sorts `items` by a numeric key, ascending and stable (equal keys keep their order).
 * Items whose key is `undefined` (nothing known yet) go first or last, as a block that
 * keeps its order.
 * @example
 * sortBy(["a", "b", "c"], (n) => ({ a: 30, b: undefined, c: 10 })[n], "last"); // ["c", "a", "b"]
 */
export const sortBy = <T>(items: ReadonlyArray<T>, key: (item: T) => number | undefined, unknown: "first" | "last"): T[] => {
  const keyed = items.map((item) => ({ item, k: key(item) }));
  const known = keyed.filter((x): x is { item: T; k: number } => x.k !== undefined).sort((a, b) => (a.k === b.k ? 0 : a.k < b.k ? -1 : 1));
  const unknownItems = keyed.filter((x) => x.k === undefined).map((x) => x.item);
  const knownItems = known.map((x) => x.item);
  return unknown === "first" ? [...unknownItems, ...knownItems] : [...knownItems, ...unknownItems];
};
