import { useEffect, useState } from "react";
import { pathHighlight } from "../../../src/api/path-highlight.js";
import { api, subscribeRuns, type RunDetail } from "../api-client.js";
import { AttemptsTable } from "../components/attempts-table.js";
import { RouteGraphView } from "../components/route-graph-view.js";
import { RunSummaryCard } from "../components/run-summary-card.js";
import { SpanWaterfall } from "../components/span-waterfall.js";
import { href } from "../router.js";

/** One run: summary, the route graph with its path lit, the span waterfall and the attempts. */
export const RunPage = ({ id }: { readonly id: string }) => {
  const [detail, setDetail] = useState<RunDetail | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    const load = () => api.run(id).then(setDetail, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    void load();
    // A run still in progress keeps updating as its spans land.
    return subscribeRuns((ev) => {
      if (ev.run.runId === id) void load();
    });
  }, [id]);

  if (error) return <div className="error" data-testid="run-error">{error} <a href={href({ page: "runs" })}>back to runs</a></div>;
  if (!detail) return <div className="loading">loading…</div>;
  const highlight = detail.graph ? pathHighlight(detail.graph, detail.run.path, detail.attempts) : undefined;
  return (
    <section className="run-page" data-testid="run-page">
      <div className="run-top">
        <RunSummaryCard run={detail.run} attempts={detail.attempts} />
        <div className="graph-panel">
          <h3>route graph</h3>
          {detail.graph && highlight ? (
            <RouteGraphView graph={detail.graph} highlight={highlight} />
          ) : (
            <div className="empty" data-testid="graph-missing">
              The route graph has not reached the devtools yet (it is sent with a route's first run and every few minutes after).
            </div>
          )}
        </div>
      </div>
      <h3>attempts</h3>
      <AttemptsTable attempts={detail.attempts} />
      <h3>spans</h3>
      <SpanWaterfall spans={detail.spans} />
    </section>
  );
};
