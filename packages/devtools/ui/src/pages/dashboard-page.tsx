import { useEffect, useState } from "react";
import { api, type Dashboard, type GroupAggregate } from "../api-client.js";
import { BarChart } from "../components/bar-chart.js";
import { ms, pct, tokens, usd } from "../format.js";

const windows: ReadonlyArray<[string, number]> = [["15 min", 15 * 60_000], ["1 hour", 3_600_000], ["24 hours", 86_400_000], ["7 days", 7 * 86_400_000]];

// Token columns are disjoint lines (uncached input, cached, cache write, output, reasoning), so a row adds up.
const GroupTable = ({ title, unit, rows, testId }: { readonly title: string; readonly unit: string; readonly rows: ReadonlyArray<GroupAggregate>; readonly testId: string }) => (
  <table className="groups" data-testid={testId}>
    <thead>
      <tr><th>{title}</th><th>{unit}</th><th>wins</th><th>error rate</th><th>p50</th><th>p95</th><th>p99</th><th>input</th><th>cached input</th><th>cache write</th><th>output</th><th>reasoning</th><th>cost</th></tr>
    </thead>
    <tbody>
      {rows.map((r) => (
        <tr key={r.key} data-key={r.key}>
          <td>{r.key}</td><td>{r.count}</td><td>{r.wins}</td><td>{pct(r.errorRate)}</td><td>{ms(r.p50Ms)}</td><td>{ms(r.p95Ms)}</td><td>{ms(r.p99Ms)}</td>
          <td>{tokens(r.tokens.input)}</td><td>{tokens(r.tokens.cachedInput)}</td><td>{tokens(r.tokens.cacheWriteInput)}</td>
          <td>{tokens(r.tokens.output)}</td><td>{tokens(r.tokens.reasoning)}</td><td data-testid="group-cost">{usd(r.costUsd)}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

/** Latency quantiles, error rate, tokens and cost over time, in total and by model and route. */
export const DashboardPage = () => {
  const [windowMs, setWindowMs] = useState(3_600_000);
  const [data, setData] = useState<Dashboard | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    const load = () => api.dashboard({ from: String(Date.now() - windowMs), buckets: "30" }).then(setData, (e: unknown) => setError(String(e)));
    void load();
    const t = setInterval(load, 10_000);
    return () => clearInterval(t);
  }, [windowMs]);
  if (error) return <div className="error">{error}</div>;
  if (!data) return <div className="loading">loading…</div>;
  const t = data.totals;
  const colors = ["#2563eb", "#16a34a", "#d97706", "#9333ea", "#dc2626", "#0891b2"];
  return (
    <section className="dashboard" data-testid="dashboard">
      <div className="toolbar">
        window{" "}
        <select value={windowMs} onChange={(e) => setWindowMs(Number(e.currentTarget.value))} data-testid="dashboard-window">
          {windows.map(([label, v]) => <option key={v} value={v}>{label}</option>)}
        </select>
      </div>
      <div className="cards" data-testid="dashboard-totals">
        <div className="card"><b>{t.count}</b>runs</div>
        <div className="card"><b>{pct(t.errorRate)}</b>errors</div>
        <div className="card"><b>{ms(t.p50Ms)}</b>p50</div>
        <div className="card"><b>{ms(t.p95Ms)}</b>p95</div>
        <div className="card"><b>{ms(t.p99Ms)}</b>p99</div>
        <div className="card"><b>{tokens(t.tokens.input)}</b>input tokens (uncached)</div>
        <div className="card"><b>{tokens(t.tokens.cachedInput)}</b>cached input tokens</div>
        <div className="card"><b>{tokens(t.tokens.cacheWriteInput)}</b>cache-write tokens</div>
        <div className="card"><b>{tokens(t.tokens.output)}</b>output tokens</div>
        <div className="card"><b>{tokens(t.tokens.reasoning)}</b>reasoning tokens</div>
        <div className="card"><b>{usd(t.costUsd)}</b>cost</div>
      </div>
      <BarChart testId="chart-latency" title="latency" format={ms} series={[
        { name: "p50", values: data.buckets.map((b) => b.p50Ms), color: "#93c5fd" },
        { name: "p95", values: data.buckets.map((b) => b.p95Ms), color: "#2563eb" },
        { name: "p99", values: data.buckets.map((b) => b.p99Ms), color: "#1e3a8a" },
      ]} />
      <BarChart testId="chart-errors" title="error rate" format={pct} series={[{ name: "errors", values: data.buckets.map((b) => b.errorRate), color: "#dc2626" }]} />
      <BarChart testId="chart-tokens" title="tokens" format={tokens} series={[
        { name: "input", values: data.buckets.map((b) => b.tokens.input), color: "#16a34a" },
        { name: "cached", values: data.buckets.map((b) => b.tokens.cachedInput), color: "#86efac" },
        { name: "output", values: data.buckets.map((b) => b.tokens.output), color: "#d97706" },
        { name: "reasoning", values: data.buckets.map((b) => b.tokens.reasoning), color: "#fcd34d" },
      ]} />
      <BarChart testId="chart-cost" title="cost by model (every attempt)" format={usd} series={data.byModel.slice(0, 6).map((m, i) => ({ name: m.key, values: m.costSeries, color: colors[i] ?? "#64748b" }))} />
      <GroupTable title="model" unit="attempts" rows={data.byModel} testId="dashboard-by-model" />
      <GroupTable title="route" unit="runs" rows={data.byRoute} testId="dashboard-by-route" />
    </section>
  );
};
