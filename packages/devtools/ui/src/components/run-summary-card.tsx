import type { RunSummary } from "../api-client.js";
import { ms, time, tokens, usd } from "../format.js";
import { StatusBadge } from "./status-badge.js";

/** A run's headline numbers; every token class on its own line. */
export const RunSummaryCard = ({ run }: { readonly run: RunSummary }) => (
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
    <dt>output tokens</dt><dd>{tokens(run.usage.outputTokens)}</dd>
    <dt>…of which reasoning</dt><dd>{tokens(run.usage.reasoningTokens)}</dd>
    <dt>cost</dt><dd>{usd(run.costUsd)}</dd>
    <dt>path</dt><dd data-testid="run-path">{run.path.join(" → ")}</dd>
  </dl>
);
