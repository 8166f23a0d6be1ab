import type * as Effect from "effect/Effect";
import type { z } from "zod";
import type { ChatRequest, ChatResponse, ModelSpec } from "../schema/index.js";
import type { RouterStateService } from "../state/index.js";
import type { LanguageModel } from "../provider/index.js";

/** A non-empty, ordered list of model names from the pool: first is tried first. */
export type Candidates<M extends string> = readonly [M, ...M[]];

/**
 * Retry on the same model. Waits `initialDelayMs · factor^n` with ±`jitter` spread, capped
 * at `maxDelayMs`; a 429/503's Retry-After replaces the computed wait when it is longer.
 * @example
 * const retry: RetryOptions = { maxRetries: 2, initialDelayMs: 200, maxDelayMs: 4000 };
 */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  readonly maxRetries?: number;
  /** Default 250 ms. */
  readonly initialDelayMs?: number;
  /** Default 8000 ms. */
  readonly maxDelayMs?: number;
  /** Default 2. */
  readonly factor?: number;
  /** Relative spread, 0..1. Default 0.2. */
  readonly jitter?: number;
  /** Default true. */
  readonly honourRetryAfter?: boolean;
  /** A Retry-After longer than this is not waited for: the route falls back instead. Default 30 000 ms. */
  readonly maxRetryAfterMs?: number;
}

/** Per-attempt and whole-route time limits. @example const t: TimeoutOptions = { attemptMs: 10_000, routeMs: 30_000 }; */
export interface TimeoutOptions {
  /** Time an attempt may take to answer (streams: to the first token). */
  readonly attemptMs?: number;
  /** Time the whole run may take; no retry or fallback starts after it. */
  readonly routeMs?: number;
  /** Streams: longest silence between events after the first token. Default `attemptMs`, else 60 000. */
  readonly idleMs?: number;
}

/** What a validator says of an answer: fine, or why not. */
export type ValidationVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Validation of an answer: a zod schema for its JSON, and/or a check (e.g. a confidence
 * test) over the response and the parsed value. A failed answer is repaired `repair` times
 * (the model is re-asked with the validation error), then the route escalates to the next
 * candidate.
 * @example
 * const v: ValidateOptions<{ sentiment: "pos" | "neg" }> = {
 *   schema: z.object({ sentiment: z.enum(["pos", "neg"]) }),
 *   repair: 1,
 * };
 */
export interface ValidateOptions<T = unknown> {
  readonly schema?: z.ZodType<T>;
  /** Method syntax on purpose: a route validating `T` must still be a `RouteSpec` of `unknown`. */
  check?(response: ChatResponse, value: T): boolean | ValidationVerdict;
  /** Re-asks on the same model before escalating. Default 0. */
  readonly repair?: number;
}

/** What a model in the pool looks like to a pick policy. */
export interface CandidateInfo<M extends string = string> {
  readonly name: M;
  readonly model: LanguageModel;
  readonly spec: ModelSpec | undefined;
}

/** Inputs a pick policy sees. */
export interface PickContext<M extends string = string> {
  readonly request: ChatRequest;
  readonly route: string;
  /** The class the classifier chose, when the route classifies. */
  readonly label: string | undefined;
  readonly candidates: ReadonlyArray<CandidateInfo<M>>;
  readonly state: RouterStateService;
  /** True when the caller streams (capability filters then require streaming). */
  readonly stream?: boolean;
}

/**
 * Orders (and may filter) a pool's candidates for one request: the first is tried first,
 * the rest are fallbacks in order. Policies compose (see `policy/`).
 * @example
 * const reversed: PickPolicy = { name: "reversed", order: (ctx) => Effect.succeed([...ctx.candidates].reverse().map((c) => c.name)) };
 */
export interface PickPolicy {
  readonly name: string;
  readonly order: <M extends string>(ctx: PickContext<M>) => Effect.Effect<ReadonlyArray<M>>;
}

/**
 * Decides a request's class. A plain function is enough; the learned router is one too.
 * @example
 * const byLength: Classifier<"short" | "long"> = (req) => (JSON.stringify(req.messages).length > 2000 ? "long" : "short");
 */
export type Classifier<C extends string> =
  | ((request: ChatRequest) => C | Promise<C>)
  | { readonly name: string; readonly classify: (request: ChatRequest) => C | Promise<C> };

/** Hedging: start a second attempt on the next candidate when the first is slow; the first answer wins, the loser is cancelled. */
export interface HedgeOptions {
  /** Milliseconds to wait, or "p95" for the first candidate's live p95 latency. */
  readonly delayMs: number | "p95";
}

/** Options every route shape shares. */
export interface RouteOptions<T = unknown> {
  readonly description?: string;
  readonly pick?: PickPolicy;
  readonly retry?: RetryOptions | false;
  readonly timeout?: TimeoutOptions;
  readonly validate?: ValidateOptions<T>;
  readonly hedge?: HedgeOptions;
}

/**
 * A route over one pool of models.
 * @example
 * const r: PoolRoute<"a" | "b"> = { models: ["a", "b"], retry: { maxRetries: 2 } };
 */
export interface PoolRoute<M extends string, T = unknown> extends RouteOptions<T> {
  readonly models: Candidates<M>;
}

/**
 * A route that classifies the request, then sends each class to its own pool. Every
 * class the classifier can return must have a pool (a type error otherwise).
 * @example
 * const r: ClassifiedRoute<"cheap" | "coder", "code" | "chat"> = {
 *   classify: (req) => (JSON.stringify(req.messages).includes("function") ? "code" : "chat"),
 *   pools: { code: ["coder"], chat: ["cheap"] },
 * };
 */
export interface ClassifiedRoute<M extends string, C extends string, T = unknown> extends RouteOptions<T> {
  readonly classify: Classifier<C>;
  readonly pools: { readonly [K in C]: Candidates<M> };
}

/** Any route over models named `M`. */
export type RouteSpec<M extends string, T = unknown> = PoolRoute<M, T> | ClassifiedRoute<M, string, T>;

/**
 * A model in the router's pool: a `LanguageModel`, optionally with its `ModelSpec` (used
 * for cost, capability and context filters).
 * @example
 * const entry: ModelEntry = { model: openai("gpt-4o-mini"), spec: catalogue["gpt-4o-mini"] };
 */
export interface ModelEntry {
  readonly model: LanguageModel;
  readonly spec?: ModelSpec;
}

/** The router's model pool: names → models. */
export type ModelPool = Readonly<Record<string, LanguageModel | ModelEntry>>;

/** The names of a pool's models. */
export type ModelName<P extends ModelPool> = Extract<keyof P, string>;
