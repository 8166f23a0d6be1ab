import type { ClassifiedRoute, ModelName, ModelPool, PoolRoute } from "./route-spec.js";

/**
 * Declares a route against a model pool, so every model name, every class of the
 * classifier and the validator's value type are checked at compile time:
 * a misnamed model, a class with no pool, or a `check` whose value type differs from the
 * schema's do not compile.
 * @example
 * const support = defineRoute(models, {
 *   classify: (req) => (JSON.stringify(req.messages).includes("```") ? "code" : "chat"),
 *   pools: { code: ["coder", "strong"], chat: ["cheap", "strong"] },
 * });
 * const extract = defineRoute(models, {
 *   models: ["cheap", "strong"],
 *   validate: { schema: z.object({ name: z.string() }), repair: 1 },
 * });
 */
export function defineRoute<P extends ModelPool, const C extends string, T = unknown>(
  models: P,
  route: ClassifiedRoute<ModelName<P>, C, T>,
): ClassifiedRoute<ModelName<P>, C, T>;
export function defineRoute<P extends ModelPool, T = unknown>(models: P, route: PoolRoute<ModelName<P>, T>): PoolRoute<ModelName<P>, T>;
export function defineRoute<P extends ModelPool, T>(
  _models: P,
  route: PoolRoute<ModelName<P>, T> | ClassifiedRoute<ModelName<P>, string, T>,
): PoolRoute<ModelName<P>, T> | ClassifiedRoute<ModelName<P>, string, T> {
  return route;
}
