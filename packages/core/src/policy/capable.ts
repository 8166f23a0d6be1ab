import * as Effect from "effect/Effect";
import type { PickPolicy } from "../graph/route-spec.js";
import type { Capabilities } from "../schema/index.js";
import { estimatePromptTokens } from "./estimate-tokens.js";
import { hasCapabilities, isStreaming, requestNeeds } from "./request-needs.js";

/** Options of {@link capable}. */
export interface CapableOptions {
  /** Capabilities required on top of what the request itself needs. */
  readonly capabilities?: Partial<Capabilities>;
}

/**
 * A filter: keeps the models that can serve this request — the capabilities it needs
 * (tools, vision, json, streaming, plus `capabilities`), a context window that holds the
 * estimated prompt plus `maxTokens`, and a `maxOutputTokens` of at least `maxTokens`.
 * Models without a `ModelSpec` cannot be checked and are kept, after the checked ones.
 * @example
 * const route: PoolRoute<"mini" | "vision"> = { models: ["mini", "vision"], pick: policy.capable() };
 */
export const capable = (options: CapableOptions = {}): PickPolicy => ({
  name: "capable",
  order: (ctx) => {
    const needs = Object.assign(requestNeeds(ctx.request, isStreaming(ctx)), options.capabilities);
    const withSpec = ctx.candidates.filter((c) => c.spec !== undefined);
    const unchecked = ctx.candidates.filter((c) => c.spec === undefined).map((c) => c.name);
    const maxTokens = ctx.request.maxTokens ?? 0;
    const keep = (promptTokens: number) => {
      const fits = withSpec
        .filter((c) => {
          const spec = c.spec;
          return (
            spec !== undefined &&
            hasCapabilities(spec.capabilities, needs) &&
            promptTokens + maxTokens <= spec.contextWindow &&
            maxTokens <= spec.maxOutputTokens
          );
        })
        .map((c) => c.name);
      return [...fits, ...unchecked];
    };
    // Tokenising costs time: skip it when no candidate has a window to check against.
    return withSpec.length > 0 ? Effect.map(estimatePromptTokens(ctx.request), keep) : Effect.succeed(keep(0));
  },
});
