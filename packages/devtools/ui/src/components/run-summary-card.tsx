import type { AttemptView, RunSummary } from "../api-client.js";
import { ms, time, tokens, usd } from "../format.js";
import { StatusBadge } from "./status-badge.js";

// Each attempt's cost goes to the model that made it: a failed or invalid first try is not the winner's spend.
const costByModel = (attempts: ReadonlyArray<AttemptView>): Array<[string, number | undefined]> => {
  const out = new Map<string, number | undefined>();
  for (const a of attempts) {
    const before = out.get(a.model);
    out.set(a.model, a.costUsd === undefined ? before : (before ?? 0) + a.costUsd);
  }
  return [...out];
};

/** A run's headline numbers; every token class on its own line, and cost per model. */
export const RunSummaryCard = ({ run, attempts }: { readonly run: RunSummary; readonly attempts: ReadonlyArray<AttemptView> }) => (
  <dl className="summary" data-testid="run-summary">
    <dt>run</dt><dd className="mono">{run.runId}</dd>
    <dt>route</dt><dd>{run.route}{run.label ? ` (class ${run.label})` : ""}</dd>
    <dt>status</dt><dd><StatusBadge status={run.status} />{run.errorType ? ` ${run.errorType}: ${run.errorMessage ?? ""}` : ""}</dd>
    <dt>model</dt><dd data-testid="run-model">{run.model ?? "–"}</dd>
    <dt>started</dt><dd>{time(run.startMs)}</dd>
    <dt>latency</dt><dd>{ms(run.durationMs)}</dd>
    <dt>TTFT</dt><dd>{ms(run.ttftMs)}</dd>
    <dt>attempts</dt><dd>{run.attempts}</dd>
    <dt>input tokens</dt><dd>{tokens(run.usage.inputTokens)}</dd>
    <dt>…of which cached</dt><dd>{tokens(run.usage.cachedInputTokens)}</dd>
    <dt>…of which cache write</dt><dd>{tokens(run.usage.cacheWriteInputTokens)}</dd>
    <dt>output tokens</dt><dd>{tokens(run.usage.outputTokens)}</dd>
    <dt>…of which reasoning</dt><dd>{tokens(run.usage.reasoningTokens)}</dd>
    <dt>cost</dt><dd data-testid="run-cost">{usd(run.costUsd)}</dd>
    {costByModel(attempts).map(([model, cost]) => [
      <dt key={`k-${model}`}>…{model}</dt>,
      <dd key={`v-${model}`} data-testid="run-cost-by-model" data-model={model}>{usd(cost)}</dd>,
    ])}
    <dt>path</dt><dd data-testid="run-path">{run.path.join(" → ")}</dd>
  </dl>
);
