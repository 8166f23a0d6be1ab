import * as Effect from "effect/Effect";
import * as Stream from "effect/Stream";
import type { ChatRequest, ChatResponse, RouterStreamEvent, RunInfo } from "@switchyard/core";
import { authorize } from "../auth/authenticate.js";
import type { VirtualKey } from "../auth/virtual-key.js";
import { answerAsEvents, cacheKey, clientOptedOut, createResponseCache } from "../cache/response-cache.js";
import { createAnswerCollector } from "../cache/collect-stream-answer.js";
import { GatewayError, isSwitchyardError, modelNotFound, toGatewayError } from "../http/gateway-error.js";
import { openSse } from "../http/respond.js";
import { runEffect } from "../internal/run-effect.js";
import { estimateUsage } from "../limits/estimate-usage.js";
import { reserveKeyLimits, type Reservation } from "../limits/key-limits.js";
import { REQUEST_ID_KEY } from "../server/attempt-tracker.js";
import type { Exchange, GatewayContext } from "../server/gateway-context.js";

/** A request ready to run: its route, key, reservation and cache decision. */
export interface ChatPlan {
  readonly requested: string;
  readonly route: string;
  readonly request: ChatRequest;
  readonly reservation: Reservation | undefined;
  readonly cacheKey: string | undefined;
  readonly cacheTtlMs: number;
}

/** A finished answer and where it came from. */
export interface ChatOutcome {
  readonly response: ChatResponse;
  readonly model: string;
  readonly attempts: number;
  readonly cache: "hit" | "miss";
}

/** What a wire format supplies to stream an answer. */
export interface StreamEncoder {
  readonly encode: (ev: RouterStreamEvent) => string[];
  readonly end: () => string[];
  /** The format's in-stream error event. */
  readonly error: (e: GatewayError) => string;
}

/**
 * Resolves the route, checks the key's scope and limits (reserving the estimate), and
 * decides whether the cache applies. Shared by the OpenAI and Anthropic endpoints.
 * @example
 * const plan = await planChat(gw, ex, body.model, request, key, bodyBytes);
 */
export const planChat = async (
  gw: GatewayContext,
  ex: Exchange,
  requested: string,
  request: ChatRequest,
  key: VirtualKey | undefined,
  bodyBytes: number,
): Promise<ChatPlan> => {
  const route = ex.runtime.resolve(requested);
  if (route === undefined) throw modelNotFound(requested);
  authorize(key, requested, route);
  const ttl = ex.runtime.cacheTtlMs(route);
  const cached = ttl !== undefined && !clientOptedOut(ex.req.headers);
  // Object.assign, not spreads: on Node 20 an object built by a leading spread and then given
  // another property gets a hidden class of its own (≈1 µs each, and every later read of
  // the request goes megamorphic).
  const metadata: Record<string, string> = Object.assign({}, request.metadata);
  metadata[REQUEST_ID_KEY] = ex.requestId;
  metadata["switchyard.cache"] = "miss";
  if (key !== undefined) metadata["switchyard.key"] = key.name;
  const reservation = key === undefined ? undefined : await reserveKeyLimits(gw.state, key, estimateUsage(request, bodyBytes, ex.runtime.pricing(route)));
  return {
    requested,
    route,
    request: Object.assign({}, request, { metadata }),
    reservation,
    cacheKey: cached ? cacheKey(route, request) : undefined,
    cacheTtlMs: ttl ?? 0,
  };
};

/**
 * Response headers naming the route, the model that answered, the attempts and the cache.
 * @example
 * res.writeHead(200, switchyardHeaders(ex, plan, outcome));
 */
export const switchyardHeaders = (ex: Exchange, route: string, info: { model?: string; attempts?: number; cache: "hit" | "miss" }): Record<string, string> => {
  const headers: Record<string, string> = { "x-request-id": ex.requestId, "x-switchyard-route": route };
  if (info.model !== undefined) headers["x-switchyard-model"] = info.model;
  if (info.attempts !== undefined) headers["x-switchyard-attempts"] = String(info.attempts);
  headers["x-switchyard-cache"] = info.cache;
  return headers;
};

/** A routed call's rejection, with the gateway's own timeout reported as such. */
const callError = (ex: Exchange, e: unknown): unknown =>
  ex.cancellation.reason() === "timeout" && isSwitchyardError(e) && e._tag === "Cancelled"
    ? new GatewayError(504, "timeout_error", "request_timeout", "The request took longer than the gateway's request timeout.")
    : e;

/** Tells the observer about an answer served from cache: a run with one `cache` state and no attempts. */
const traceCacheHit = (gw: GatewayContext, ex: Exchange, plan: ChatPlan, model: string, response: ChatResponse, streaming: boolean): void => {
  if (gw.observer === undefined) return;
  const now = Date.now();
  const metadata = Object.assign({}, plan.request.metadata, { "switchyard.cache": "hit" });
  const trace = gw.observer.startRun({ runId: ex.requestId, route: plan.route, graph: ex.runtime.router.graph(plan.route), request: plan.request, streaming, metadata });
  trace.enterState("cache");
  const run: RunInfo = { runId: ex.requestId, route: plan.route, model, path: ["cache"], attempts: [], usage: response.usage, costUsd: 0, startedAt: now, durationMs: 0 };
  trace.end(run, { response });
};

const settle = async (plan: ChatPlan, run: RunInfo | undefined): Promise<void> => {
  // Most requests carry no key, so nothing was reserved.
  if (plan.reservation !== undefined) await plan.reservation.settle({ tokens: run?.usage.totalTokens ?? 0, costUsd: run?.costUsd ?? 0 });
};

/**
 * Runs a planned request without streaming: from cache when it hits, else through the
 * router; settles the key's reservation with the actual usage and fills the cache.
 * @example
 * const outcome = await runChat(gw, ex, plan);
 */
export const runChat = async (gw: GatewayContext, ex: Exchange, plan: ChatPlan): Promise<ChatOutcome> => {
  const cache = plan.cacheKey === undefined ? undefined : createResponseCache(gw.state, plan.cacheTtlMs);
  if (cache !== undefined && plan.cacheKey !== undefined) {
    const hit = await cache.get(plan.cacheKey);
    if (hit !== undefined) {
      await settle(plan, undefined);
      traceCacheHit(gw, ex, plan, hit.model, hit.response, false);
      return { response: hit.response, model: hit.model, attempts: 0, cache: "hit" };
    }
  }
  let result;
  try {
    result = await runEffect(ex.runtime.router.chatEffect(plan.route, plan.request, plan.request.metadata ? { metadata: plan.request.metadata } : {}), ex.cancellation);
  } catch (e) {
    await settle(plan, undefined);
    throw callError(ex, e);
  }
  const run = result.run;
  await settle(plan, run);
  if (cache !== undefined && plan.cacheKey !== undefined) {
    const { run: _run, value: _value, ...response } = result;
    await cache.set(plan.cacheKey, { response, model: run.model });
  }
  // The result is the response plus `run` and `value`; the wire encoders read only the response's fields.
  return { response: result, model: run.model, attempts: run.attempts.length, cache: "miss" };
};

/** Waits until the response can take more (or is gone): backpressure for a slow client. */
const drained = (ex: Exchange): Effect.Effect<void> =>
  Effect.callback<void>((resume) => {
    // A response already gone will not emit "close" again.
    if (ex.res.destroyed) return resume(Effect.void);
    const done = (): void => {
      ex.res.off("drain", done);
      ex.res.off("close", done);
      resume(Effect.void);
    };
    ex.res.on("drain", done);
    ex.res.on("close", done);
    return Effect.sync(() => {
      ex.res.off("drain", done);
      ex.res.off("close", done);
    });
  });

/** Writes SSE frames, then waits for the client to drain them when its buffer is full. */
const writeFrames = (ex: Exchange, frames: ReadonlyArray<string>): Effect.Effect<void> => {
  let full = false;
  for (const frame of frames) if (!ex.res.write(frame)) full = true;
  return full ? drained(ex) : Effect.void;
};

const writeAll = (ex: Exchange, frames: ReadonlyArray<string>): Promise<void> => Effect.runPromise(writeFrames(ex, frames));

/**
 * Runs a planned request as an SSE stream. Errors before the first event are thrown (the
 * handler answers with a JSON error and the right status); after the headers, an error
 * ends the stream with the format's error event. A client disconnect (or the request
 * timeout) interrupts the routed call, which closes the upstream.
 * @example
 * await runChatStream(gw, ex, plan, openAIEncoder);
 */
export const runChatStream = async (gw: GatewayContext, ex: Exchange, plan: ChatPlan, encoder: StreamEncoder): Promise<void> => {
  const limit = ex.runtime.settings.limits.maxConcurrentStreams;
  if (gw.streams.active >= limit) {
    await settle(plan, undefined);
    throw new GatewayError(503, "overloaded_error", "too_many_streams", `The gateway is serving its maximum of ${limit} concurrent streams. Retry shortly.`, null, 1);
  }
  gw.streams.active++;
  try {
    const cache = plan.cacheKey === undefined ? undefined : createResponseCache(gw.state, plan.cacheTtlMs);
    if (cache !== undefined && plan.cacheKey !== undefined) {
      const hit = await cache.get(plan.cacheKey);
      if (hit !== undefined) {
        await settle(plan, undefined);
        traceCacheHit(gw, ex, plan, hit.model, hit.response, true);
        openSse(ex.res, switchyardHeaders(ex, plan.route, { model: hit.model, attempts: 0, cache: "hit" }));
        await writeAll(ex, answerAsEvents(hit.response).flatMap((ev) => encoder.encode(ev)));
        await writeAll(ex, encoder.end());
        ex.res.end();
        return;
      }
    }
    await streamFromRouter(gw, ex, plan, encoder, cache);
  } finally {
    gw.streams.active--;
  }
};

const streamFromRouter = async (
  gw: GatewayContext,
  ex: Exchange,
  plan: ChatPlan,
  encoder: StreamEncoder,
  cache: ReturnType<typeof createResponseCache> | undefined,
): Promise<void> => {
  const collect = cache === undefined ? undefined : createAnswerCollector();
  let run: RunInfo | undefined;
  let opened = false;
  const open = (): void => {
    opened = true;
    const live = gw.tracker.current(ex.requestId);
    openSse(ex.res, switchyardHeaders(ex, plan.route, Object.assign({ cache: "miss" as const }, live)));
  };
  // The route's events are consumed on one fiber (not through an async iterator, which
  // costs two fibers per event), written as they come; headers leave with the first event.
  const onEvent = (ev: RouterStreamEvent): Effect.Effect<void> => {
    if (!opened) open();
    if (ev.type === "run") run = ev.run;
    collect?.add(ev);
    return writeFrames(ex, encoder.encode(ev));
  };
  const events = ex.runtime.router.streamEffect(plan.route, plan.request, plan.request.metadata ? { metadata: plan.request.metadata } : {});
  try {
    await runEffect(Stream.runForEach(events, onEvent), ex.cancellation);
    if (!opened) open();
    await writeAll(ex, encoder.end());
  } catch (e) {
    if (!opened) {
      // Nothing was sent yet: the handler answers with a JSON error and the right status.
      gw.tracker.forget(ex.requestId);
      await settle(plan, undefined);
      throw callError(ex, e);
    }
    if (!ex.res.destroyed) {
      const { error, unexpected } = toGatewayError(callError(ex, e));
      if (unexpected) gw.log.error("stream failed unexpectedly", { requestId: ex.requestId, error: e });
      await writeAll(ex, [encoder.error(error)]);
    }
  } finally {
    if (opened) {
      gw.tracker.forget(ex.requestId);
      ex.res.end();
      await settle(plan, run);
    }
  }
  const answer = collect?.answer();
  if (cache !== undefined && plan.cacheKey !== undefined && run !== undefined && answer !== undefined) {
    await cache.set(plan.cacheKey, { response: answer, model: run.model });
  }
};
