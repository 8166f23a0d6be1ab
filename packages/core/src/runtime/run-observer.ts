import type { SwitchyardError } from "../errors/index.js";
import type { RouteGraph } from "../graph/route-graph.js";
import type { ChatRequest, ChatResponse } from "../schema/index.js";
import type { AttemptKind, AttemptRecord, RunInfo } from "./run-info.js";

/** What an observer learns when a run starts. */
export interface RunStart {
  readonly runId: string;
  readonly route: string;
  readonly graph: RouteGraph;
  readonly request: ChatRequest;
  readonly streaming: boolean;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** What an observer learns when an attempt starts. */
export interface AttemptStart {
  readonly index: number;
  readonly model: string;
  readonly provider: string;
  readonly providerModel: string;
  readonly kind: AttemptKind;
  readonly request: ChatRequest;
  readonly streaming: boolean;
}

/** Observes one attempt. */
export interface AttemptTrace {
  /** The first content token arrived (streams). */
  readonly firstToken: () => void;
  readonly end: (record: AttemptRecord, response?: ChatResponse, error?: SwitchyardError) => void;
}

/** Observes one run from start to end; calls come in the order things happen. */
export interface RunTrace {
  /** The route machine entered a state (classify, pick, call, validate, fallback, done, failed). */
  readonly enterState: (state: string) => void;
  readonly startAttempt: (attempt: AttemptStart) => AttemptTrace;
  readonly end: (run: RunInfo, outcome: { readonly response?: ChatResponse; readonly error?: SwitchyardError }) => void;
}

/**
 * Receives every run's lifecycle. The OpenTelemetry observer in `telemetry/` turns it into
 * spans and metrics; tests and the devtools can supply their own.
 * @example
 * const log: RunObserver = { startRun: (s) => ({ enterState: (st) => console.log(s.runId, st), startAttempt: () => ({ firstToken() {}, end() {} }), end() {} }) };
 */
export interface RunObserver {
  readonly startRun: (start: RunStart) => RunTrace;
}

const noopAttempt: AttemptTrace = { firstToken: () => {}, end: () => {} };
const noopRun: RunTrace = { enterState: () => {}, startAttempt: () => noopAttempt, end: () => {} };

/** An observer that does nothing (telemetry off). @example createRouter({ models, routes, observer: noopObserver }); */
export const noopObserver: RunObserver = { startRun: () => noopRun };
