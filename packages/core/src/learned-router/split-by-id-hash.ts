import { stableHash } from "../policy/stable-hash.js";

/**
 * Splits rows into train and held-out by a hash of their id (or prompt when there is no
 * id): stable across runs, machines and file order, and a row never switches sides.
 * @example
 * const { train, heldOut } = splitByIdHash(rows, 0.2);
 */
export const splitByIdHash = <T extends { readonly id?: string | undefined; readonly prompt: string }>(
  rows: ReadonlyArray<T>,
  heldOutShare: number,
  salt = "switchyard-split",
): { readonly train: T[]; readonly heldOut: T[] } => {
  const train: T[] = [];
  const heldOut: T[] = [];
  for (const row of rows) (stableHash(`${salt}:${row.id ?? row.prompt}`) / 4294967296 < heldOutShare ? heldOut : train).push(row);
  return { train, heldOut };
};
