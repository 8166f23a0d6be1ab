import { RateLimited, otelObserver, type RouteGraph, type RunObserver } from "@switchyard/core";

/** A small route graph: pick → call → fallback → call → done. */
export const fakeGraph: RouteGraph = {
  route: "support",
  hash: "g-support-1",
  nodes: ["pick", "call", "fallback", "done", "failed"].map((id) => ({ id, kind: id as "pick", label: id })),
  edges: [
    { id: "e1", source: "pick", target: "call", label: "" },
    { id: "e2", source: "call", target: "fallback", label: "error" },
    { id: "e3", source: "fallback", target: "call", label: "next" },
    { id: "e4", source: "call", target: "done", label: "ok" },
  ],
  pools: { default: ["primary", "backup"] },
  options: { pick: "ordered", maxRetries: 0, validate: false, repair: 0, hedge: false },
};

/**
 * Drives the observer through what the router does for a run whose first model is rate
 * limited and whose fallback answers — without a router, so ingest tests stand alone.
 */
export const driveFakeRun = (observer: RunObserver, runId: string, opts: { readonly fail?: boolean; readonly costUsd?: number } = {}): void => {
  const request = { messages: [{ role: "user" as const, content: `hello ${runId}` }] };
  const trace = observer.startRun({ runId, route: "support", graph: fakeGraph, request, streaming: false });
  const now = Date.now();
  trace.enterState("pick");
  trace.enterState("call");
  const first = { index: 1, model: "primary", provider: "openai", providerModel: "gpt-4o", kind: "call", outcome: "error", errorTag: "RateLimited", errorMessage: "429", startedAt: now, durationMs: 1 } as const;
  trace.startAttempt({ ...first, request, streaming: false }).end(first, undefined, new RateLimited({ message: "429" }));
  trace.enterState("fallback");
  trace.enterState("call");
  const usage = { inputTokens: 12, outputTokens: 7, totalTokens: 19, cachedInputTokens: 3 };
  const costUsd = opts.costUsd ?? 0.002;
  const response = { id: "x", model: "claude-x", message: { role: "assistant" as const, content: "hi" }, finishReason: "stop" as const, usage };
  const second = { index: 2, model: "backup", provider: "anthropic", providerModel: "claude-x", kind: "fallback" as const, startedAt: now, durationMs: 2 };
  if (opts.fail) {
    const failed = { ...second, outcome: "error", errorTag: "RateLimited", errorMessage: "429 again" } as const;
    trace.startAttempt({ ...second, request, streaming: false }).end(failed);
    trace.enterState("failed");
    trace.end(
      { runId, route: "support", model: "", path: ["pick", "call", "fallback", "call", "failed"], attempts: [first, failed], usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 }, costUsd: undefined, startedAt: now, durationMs: 5 },
      { error: new RateLimited({ message: "every model rate limited" }) },
    );
    return;
  }
  const won = { ...second, outcome: "success", usage, costUsd } as const;
  trace.startAttempt({ ...second, request, streaming: false }).end(won, response);
  trace.enterState("done");
  trace.end(
    { runId, route: "support", model: "backup", path: ["pick", "call", "fallback", "call", "done"], attempts: [first, won], usage, costUsd, startedAt: now, durationMs: 5 },
    { response },
  );
};

export { otelObserver };
