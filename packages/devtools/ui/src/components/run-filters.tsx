import type { FilterOptions } from "../api-client.js";

/** The runs list's filter values, as the API's query parameters take them. */
export interface Filters {
  readonly route: string;
  readonly model: string;
  readonly status: string;
  readonly minCostUsd: string;
  readonly maxCostUsd: string;
  readonly minLatencyMs: string;
  readonly maxLatencyMs: string;
  readonly range: string;
  readonly q: string;
}

export const emptyFilters: Filters = { route: "", model: "", status: "", minCostUsd: "", maxCostUsd: "", minLatencyMs: "", maxLatencyMs: "", range: "", q: "" };

const ranges: ReadonlyArray<[string, string, number]> = [
  ["", "any time", 0],
  ["15m", "last 15 min", 15 * 60_000],
  ["1h", "last hour", 3_600_000],
  ["24h", "last 24 h", 86_400_000],
  ["7d", "last 7 days", 7 * 86_400_000],
];

/** Filters → API query parameters (the time range becomes `from`). */
export const filterParams = (f: Filters): Record<string, string> => {
  const span = ranges.find((r) => r[0] === f.range)?.[2] ?? 0;
  const { range: _range, ...rest } = f;
  return { ...rest, ...(span ? { from: String(Date.now() - span) } : {}) };
};

interface Props {
  readonly value: Filters;
  readonly options: FilterOptions;
  readonly onChange: (f: Filters) => void;
}

/** The filter bar: route, model, status, cost and latency bounds, time range, free text. */
export const RunFilters = ({ value, options, onChange }: Props) => {
  const set = (k: keyof Filters) => (e: { currentTarget: { value: string } }) => onChange({ ...value, [k]: e.currentTarget.value });
  const num = (k: keyof Filters, placeholder: string) => (
    <input type="number" min="0" step="any" placeholder={placeholder} value={value[k]} onChange={set(k)} data-testid={`filter-${k}`} className="num" />
  );
  return (
    <div className="filters" data-testid="filters">
      <input type="search" placeholder="Search id, model, error, content…" value={value.q} onChange={set("q")} data-testid="filter-q" className="search" />
      <select value={value.route} onChange={set("route")} data-testid="filter-route">
        <option value="">all routes</option>
        {options.routes.map((r) => <option key={r} value={r}>{r}</option>)}
      </select>
      <select value={value.model} onChange={set("model")} data-testid="filter-model">
        <option value="">all models</option>
        {options.models.map((m) => <option key={m} value={m}>{m}</option>)}
      </select>
      <select value={value.status} onChange={set("status")} data-testid="filter-status">
        <option value="">any status</option>
        <option value="ok">ok</option>
        <option value="error">error</option>
        <option value="running">running</option>
      </select>
      <select value={value.range} onChange={set("range")} data-testid="filter-range">
        {ranges.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
      </select>
      <span className="range-group">cost $ {num("minCostUsd", "min")}–{num("maxCostUsd", "max")}</span>
      <span className="range-group">latency ms {num("minLatencyMs", "min")}–{num("maxLatencyMs", "max")}</span>
      <button type="button" onClick={() => onChange(emptyFilters)} data-testid="filter-clear">clear</button>
    </div>
  );
};
