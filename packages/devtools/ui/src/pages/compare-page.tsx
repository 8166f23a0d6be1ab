import { useEffect, useState } from "react";
import { api, type RunDetail, type RunSummary } from "../api-client.js";
import { AttemptsTable } from "../components/attempts-table.js";
import { ms, tokens, usd } from "../format.js";
import { href } from "../router.js";

const fields: ReadonlyArray<[string, (r: RunSummary) => string]> = [
  ["route", (r) => r.route],
  ["status", (r) => `${r.status}${r.errorType ? ` (${r.errorType})` : ""}`],
  ["model", (r) => r.model ?? "–"],
  ["latency", (r) => ms(r.durationMs)],
  ["TTFT", (r) => ms(r.ttftMs)],
  ["attempts", (r) => String(r.attempts)],
  ["input tokens", (r) => tokens(r.usage.inputTokens)],
  ["cached input", (r) => tokens(r.usage.cachedInputTokens)],
  ["output tokens", (r) => tokens(r.usage.outputTokens)],
  ["reasoning", (r) => tokens(r.usage.reasoningTokens)],
  ["cost", (r) => usd(r.costUsd)],
  ["path", (r) => r.path.join(" → ")],
];

/** Two runs side by side; rows that differ are marked. */
export const ComparePage = ({ a, b }: { readonly a: string; readonly b: string }) => {
  const [runs, setRuns] = useState<[RunDetail, RunDetail] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    Promise.all([api.run(a), api.run(b)]).then(([x, y]) => setRuns([x, y]), (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [a, b]);
  if (error) return <div className="error">{error}</div>;
  if (!runs) return <div className="loading">loading…</div>;
  const [x, y] = runs;
  return (
    <section className="compare" data-testid="compare">
      <table className="compare-table">
        <thead>
          <tr><th /><th><a href={href({ page: "run", id: a })}>{a}</a></th><th><a href={href({ page: "run", id: b })}>{b}</a></th></tr>
        </thead>
        <tbody>
          {fields.map(([label, get]) => {
            const [l, r] = [get(x.run), get(y.run)];
            return (
              <tr key={label} className={l !== r ? "differs" : ""} data-testid={`compare-${label.replaceAll(" ", "-")}`}>
                <th>{label}</th><td>{l}</td><td>{r}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="compare-attempts">
        <div><h3>attempts of {a}</h3><AttemptsTable attempts={x.attempts} /></div>
        <div><h3>attempts of {b}</h3><AttemptsTable attempts={y.attempts} /></div>
      </div>
    </section>
  );
};
