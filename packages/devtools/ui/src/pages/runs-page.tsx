import { useCallback, useEffect, useRef, useState } from "react";
import { api, subscribeRuns, type FilterOptions, type RunSummary } from "../api-client.js";
import { emptyFilters, filterParams, RunFilters, type Filters } from "../components/run-filters.js";
import { StatusBadge } from "../components/status-badge.js";
import { VirtualList } from "../components/virtual-list.js";
import { ms, time, tokens, usd } from "../format.js";
import { href } from "../router.js";

const PAGE = 100;

/** The runs list: filters, live tail toggle, virtualised rows, pick two to compare. */
export const RunsPage = () => {
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const [options, setOptions] = useState<FilterOptions>({ routes: [], models: [] });
  const [runs, setRuns] = useState<ReadonlyArray<RunSummary>>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [live, setLive] = useState(true);
  const [selected, setSelected] = useState<ReadonlyArray<string>>([]);
  const loading = useRef(false);
  const generation = useRef(0);

  const load = useCallback(async (reset: boolean, after?: string) => {
    if (loading.current && !reset) return;
    loading.current = true;
    const gen = reset ? ++generation.current : generation.current;
    try {
      const page = await api.runs({ ...filterParams(filters), limit: String(PAGE), cursor: after });
      if (gen !== generation.current) return; // filters changed meanwhile
      setRuns((prev) => (reset ? page.runs : [...prev, ...page.runs]));
      setCursor(page.nextCursor);
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      loading.current = false;
    }
  }, [filters]);

  useEffect(() => {
    const t = setTimeout(() => void load(true), 200); // debounce typing
    return () => clearTimeout(t);
  }, [load]);
  useEffect(() => void api.filters().then(setOptions, () => undefined), [runs.length]);

  // Live tail: refresh the first page shortly after changes arrive (batched, not per event).
  useEffect(() => {
    if (!live) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = subscribeRuns(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void load(true);
      }, 300);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [live, load]);

  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s.slice(-1), id]));
  const [a, b] = selected;

  return (
    <section className="runs-page">
      <div className="toolbar">
        <RunFilters value={filters} options={options} onChange={setFilters} />
        <label className="live-toggle">
          <input type="checkbox" checked={live} onChange={(e) => setLive(e.currentTarget.checked)} data-testid="live-toggle" /> live
        </label>
        <a className={`button ${a && b ? "" : "disabled"}`} href={a && b ? href({ page: "compare", a, b }) : undefined} data-testid="compare-button">
          compare {selected.length}/2
        </a>
      </div>
      {error && <div className="error" data-testid="runs-error">{error}</div>}
      <div className="run-row header">
        <span />
        <span>started</span><span>route</span><span>status</span><span>model</span><span>attempts</span>
        <span>latency</span><span>TTFT</span><span>tokens in/out</span><span>cost</span><span>path</span>
      </div>
      <VirtualList
        testId="runs-list"
        items={runs}
        rowHeight={34}
        height={Math.max(300, window.innerHeight - 190)}
        onNearEnd={() => cursor && void load(false, cursor)}
        render={(r) => (
          <div className={`run-row status-${r.status}`} data-testid="run-row" data-run-id={r.runId}>
            <input type="checkbox" checked={selected.includes(r.runId)} onChange={() => toggle(r.runId)} data-testid="run-select" />
            <a href={href({ page: "run", id: r.runId })} className="cell-link">{time(r.startMs)}</a>
            <span>{r.route}</span>
            <span><StatusBadge status={r.status} /></span>
            <span>{r.model ?? "–"}</span>
            <span>{r.attempts}</span>
            <span>{ms(r.durationMs)}</span>
            <span>{ms(r.ttftMs)}</span>
            <span>{tokens(r.usage.inputTokens)} / {tokens(r.usage.outputTokens)}</span>
            <span>{usd(r.costUsd)}</span>
            <span className="path" title={r.path.join(" → ")}>{r.path.join(" → ")}</span>
          </div>
        )}
      />
      <div className="footer" data-testid="runs-count">{runs.length} runs{cursor ? " (scroll for more)" : ""}</div>
    </section>
  );
};
