import { startChildService, type ChildService } from "./child-service.js";

/**
 * The benchmark services of one run (simulator, floor proxy, gateways...), closed together
 * in reverse start order, so a run that fails half-way still leaves no child behind.
 * @example
 * const group = createServiceGroup();
 * try {
 *   const sim = await group.start("simulator", "services/simulator.ts", []);
 * } finally {
 *   await group.closeAll();
 * }
 */
export interface ServiceGroup {
  /** Starts a bench entry (a path relative to `bench/`) as a child service of this group. */
  readonly start: (name: string, entry: string, args: ReadonlyArray<string>, options?: Parameters<typeof startChildService>[3]) => Promise<ChildService>;
  /** Adds a service started some other way (Portkey's gateway) so it is closed with the rest. */
  readonly adopt: (service: Promise<ChildService>) => Promise<ChildService>;
  readonly closeAll: () => Promise<void>;
}

/** Creates an empty {@link ServiceGroup}. @example const group = createServiceGroup(); */
export const createServiceGroup = (): ServiceGroup => {
  const services: ChildService[] = [];
  const adopt = async (pending: Promise<ChildService>) => {
    const service = await pending;
    services.push(service);
    return service;
  };
  return {
    start: (name, entry, args, options) => adopt(startChildService(name, new URL(`../${entry}`, import.meta.url), args, options)),
    adopt,
    closeAll: async () => {
      for (const s of services.reverse()) await s.close();
    },
  };
};
