import type { SpanView } from "../api-client.js";
import { ms } from "../format.js";

interface Row {
  readonly span: SpanView;
  readonly depth: number;
}

// Depth-first order so children sit under their parent, siblings by start time.
const ordered = (spans: ReadonlyArray<SpanView>): Row[] => {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string, SpanView[]>();
  const roots: SpanView[] = [];
  for (const s of [...spans].sort((a, b) => a.startMs - b.startMs)) {
    if (s.parentSpanId && ids.has(s.parentSpanId)) children.set(s.parentSpanId, [...(children.get(s.parentSpanId) ?? []), s]);
    else roots.push(s);
  }
  const out: Row[] = [];
  const walk = (s: SpanView, depth: number) => {
    out.push({ span: s, depth });
    for (const c of children.get(s.spanId) ?? []) walk(c, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  return out;
};

/** A Gantt-style waterfall of the run's spans; errors in red, attempts in blue. */
export const SpanWaterfall = ({ spans }: { readonly spans: ReadonlyArray<SpanView> }) => {
  if (spans.length === 0) return <div className="empty">no spans</div>;
  const start = Math.min(...spans.map((s) => s.startMs));
  const end = Math.max(...spans.map((s) => s.endMs));
  const total = Math.max(end - start, 0.001);
  return (
    <div className="waterfall" data-testid="waterfall">
      {ordered(spans).map(({ span, depth }) => {
        const left = ((span.startMs - start) / total) * 100;
        const width = Math.max(((span.endMs - span.startMs) / total) * 100, 0.4);
        const kind = span.statusCode === 2 ? "error" : span.attributes["switchyard.attempt.index"] !== undefined ? "attempt" : span.name.startsWith("switchyard.state") ? "state" : "other";
        return (
          <div className="waterfall-row" key={span.spanId} data-testid="waterfall-row" data-span-name={span.name}>
            <span className="waterfall-name" style={{ paddingLeft: depth * 14 }} title={span.name}>{span.name}</span>
            <span className="waterfall-track">
              <span className={`waterfall-bar bar-${kind}`} style={{ left: `${left}%`, width: `${width}%` }} title={`${ms(span.endMs - span.startMs)}${span.statusMessage ? ` — ${span.statusMessage}` : ""}`} />
            </span>
            <span className="waterfall-dur">{ms(span.endMs - span.startMs)}</span>
          </div>
        );
      })}
    </div>
  );
};
