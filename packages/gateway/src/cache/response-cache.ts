import { createHash } from "node:crypto";
import * as Effect from "effect/Effect";
import type { ChatRequest, ChatResponse, RouterStateService } from "@switchyard/core";
import { stableJson } from "../internal/stable-json.js";

/** What a cache entry holds: the answer and who gave it. */
export interface CachedAnswer {
  readonly response: ChatResponse;
  /** Pool name of the model that answered. */
  readonly model: string;
}

/**
 * The exact-match key of a request on a route: SHA-256 of the route and the normalised
 * request (stable JSON; `metadata` left out because it is telemetry, not input).
 * @example
 * cacheKey("main", { messages: [{ role: "user", content: "Hi" }] });
 */
export const cacheKey = (route: string, request: ChatRequest): string => {
  const { metadata: _metadata, ...input } = request;
  return `resp:${createHash("sha256").update(stableJson({ route, input })).digest("hex")}`;
};

/**
 * The response cache on the router state (memory, or Redis shared by replicas).
 * @example
 * const cache = createResponseCache(state, 300_000);
 * const hit = await cache.get(key);
 */
export const createResponseCache = (state: RouterStateService, ttlMs: number) => ({
  get: async (key: string): Promise<CachedAnswer | undefined> => {
    const text = await Effect.runPromise(state.cacheGet(key));
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as CachedAnswer;
    } catch {
      // A corrupt entry is a miss, not an error for the client.
      return undefined;
    }
  },
  set: (key: string, answer: CachedAnswer): Promise<void> => Effect.runPromise(state.cacheSet(key, JSON.stringify(answer), ttlMs)),
});
export type ResponseCache = ReturnType<typeof createResponseCache>;

/**
 * True when the client opted out: `cache-control: no-cache`/`no-store` or `x-switchyard-cache: off`.
 * @example
 * clientOptedOut({ "cache-control": "no-cache" }); // true
 */
export const clientOptedOut = (headers: Readonly<Record<string, string | string[] | undefined>>): boolean => {
  const cc = headers["cache-control"];
  const sy = headers["x-switchyard-cache"];
  return (typeof cc === "string" && /no-cache|no-store/i.test(cc)) || (typeof sy === "string" && sy.toLowerCase() === "off");
};

/**
 * Replays a cached answer as stream events, so a streaming request can be served from cache.
 * @example
 * for (const ev of answerAsEvents(hit.response)) encoder.encode(ev);
 */
export const answerAsEvents = (r: ChatResponse) => {
  const events: Array<
    | { type: "response-metadata"; id: string; model: string }
    | { type: "reasoning-delta"; delta: string }
    | { type: "text-delta"; delta: string }
    | { type: "tool-call-delta"; index: number; id: string; name: string; argumentsDelta: string }
    | { type: "usage"; usage: ChatResponse["usage"] }
    | { type: "finish"; finishReason: ChatResponse["finishReason"] }
  > = [{ type: "response-metadata", id: r.id, model: r.model }];
  if (r.message.reasoning) events.push({ type: "reasoning-delta", delta: r.message.reasoning });
  if (r.message.content) events.push({ type: "text-delta", delta: r.message.content });
  (r.message.toolCalls ?? []).forEach((c, index) => events.push({ type: "tool-call-delta", index, id: c.id, name: c.name, argumentsDelta: c.arguments }));
  events.push({ type: "usage", usage: r.usage }, { type: "finish", finishReason: r.finishReason });
  return events;
};
