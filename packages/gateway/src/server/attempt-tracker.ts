import { noopObserver, type RunObserver } from "@switchyard/core";

/** Metadata key under which the gateway tags each run with its request id. */
export const REQUEST_ID_KEY = "switchyard.request_id";

/**
 * Wraps the user's observer to learn which pool model a streaming request is on and how
 * many attempts it took, before the run ends, so stream responses can carry
 * `x-switchyard-model` and `x-switchyard-attempts` headers.
 * @example
 * const tracker = createAttemptTracker(userObserver);
 * createRouter({ models, routes, observer: tracker.observer });
 * tracker.current(requestId); // { model: "primary", attempts: 2 }
 */
export const createAttemptTracker = (inner: RunObserver | undefined) => {
  const live = new Map<string, { model: string; attempts: number }>();
  const base = inner ?? noopObserver;
  const observer: RunObserver = {
    startRun: (start) => {
      // Only streams send headers before their run ends; a JSON answer reads them off the run.
      if (!start.streaming) return base.startRun(start);
      const trace = inner?.startRun(start);
      const id = start.metadata?.[REQUEST_ID_KEY];
      return {
        enterState: (s) => trace?.enterState(s),
        startAttempt: (a) => {
          if (id !== undefined) live.set(id, { model: a.model, attempts: (live.get(id)?.attempts ?? 0) + 1 });
          return trace?.startAttempt(a) ?? { firstToken: () => {}, end: () => {} };
        },
        end: (run, outcome) => {
          if (id !== undefined) live.delete(id);
          trace?.end(run, outcome);
        },
      };
    },
  };
  return {
    observer,
    current: (requestId: string) => live.get(requestId),
    /** Drops a request's entry (runs that never started an attempt). */
    forget: (requestId: string) => void live.delete(requestId),
  };
};
export type AttemptTracker = ReturnType<typeof createAttemptTracker>;
