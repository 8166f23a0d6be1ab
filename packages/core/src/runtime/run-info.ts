import type { SwitchyardErrorTag } from "../errors/index.js";
import type { ChatResponse, StreamEvent, Usage } from "../schema/index.js";

/** Why an attempt was made: the first call, a retry on the same model, a fallback, a validation repair, or a hedge. */
export type AttemptKind = "call" | "retry" | "fallback" | "repair" | "hedge";

/** How an attempt ended. `invalid` means the call succeeded but the answer failed validation. */
export type AttemptOutcomeKind = "success" | "error" | "invalid" | "cancelled";

/**
 * One provider attempt within a run.
 * @example
 * const a: AttemptRecord = { index: 1, model: "primary", provider: "openai", providerModel: "gpt-4o", kind: "call",
 *   outcome: "error", errorTag: "RateLimited", status: 429, startedAt: Date.now(), durationMs: 12 };
 */
export interface AttemptRecord {
  /** 1-based, in the order attempts started. */
  readonly index: number;
  /** The pool name of the model. */
  readonly model: string;
  readonly provider: string;
  readonly providerModel: string;
  readonly kind: AttemptKind;
  readonly outcome: AttemptOutcomeKind;
  readonly errorTag?: SwitchyardErrorTag;
  readonly errorMessage?: string;
  readonly status?: number;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  readonly durationMs: number;
  /** Wait (backoff / Retry-After) before this attempt started. */
  readonly waitedMs?: number;
  readonly ttftMs?: number;
  readonly usage?: Usage;
  readonly costUsd?: number;
}

/**
 * What happened in one routed run: the path through the graph, every attempt, usage and cost.
 * @example
 * console.log(result.run.model, result.run.attempts.length, result.run.costUsd);
 */
export interface RunInfo {
  readonly runId: string;
  readonly route: string;
  /** The class the classifier chose, when the route classifies. */
  readonly label?: string;
  /** The pool name of the model that answered. */
  readonly model: string;
  /** The states the run passed through, in order (e.g. classify, pick, call, validate, fallback, call, done). */
  readonly path: ReadonlyArray<string>;
  readonly attempts: ReadonlyArray<AttemptRecord>;
  /** Usage summed over every attempt that reported it (failed validations cost too). */
  readonly usage: Usage;
  /** USD, when every model that reported usage has a price. */
  readonly costUsd: number | undefined;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly ttftMs?: number;
}

/**
 * A routed answer: the winning model's response plus the run that produced it. `value` is
 * the validated JSON when the route validates with a schema.
 * @example
 * const res = await router.chat("support", { messages: [{ role: "user", content: "Hi" }] });
 * res.message.content; res.run.model; res.run.attempts;
 */
export interface RouteResult<T = unknown> extends ChatResponse {
  readonly run: RunInfo;
  readonly value?: T;
}

/**
 * What a routed stream yields: the provider's events, then one `run` event that closes it.
 * @example
 * for await (const ev of router.stream("chat", req)) if (ev.type === "text-delta") process.stdout.write(ev.delta);
 */
export type RouterStreamEvent = StreamEvent | { readonly type: "run"; readonly run: RunInfo };
