import { useMemo, useState } from "react";
import { criticalChain, criticalPath, type CriticalSegment } from "../../../src/api/critical-path.js";
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

/**
 * A Gantt-style waterfall of the run's spans; errors in red, attempts in blue. The critical
 * path (what the run's end time waited on) is drawn as a dark band over the bars, and can
 * be shown alone.
 */
export const SpanWaterfall = ({ spans }: { readonly spans: ReadonlyArray<SpanView> }) => {
  const [criticalOnly, setCriticalOnly] = useState(false);
  const rows = useMemo(() => ordered(spans), [spans]);
  const { segmentsOf, chain } = useMemo(() => {
    const segments = criticalPath(spans);
    const bySpan = new Map<string, CriticalSegment[]>();
    for (const seg of segments) bySpan.set(seg.spanId, [...(bySpan.get(seg.spanId) ?? []), seg]);
    return { segmentsOf: bySpan, chain: criticalChain(spans, segments) };
  }, [spans]);
  if (spans.length === 0) return <div className="empty">no spans</div>;
  const start = Math.min(...spans.map((s) => s.startMs));
  const end = Math.max(...spans.map((s) => s.endMs));
  const total = Math.max(end - start, 0.001);
  const pos = (from: number, to: number) => ({ left: `${((from - start) / total) * 100}%`, width: `${Math.max(((to - from) / total) * 100, 0.4)}%` });
  return (
    <div className="waterfall" data-testid="waterfall">
      <label className="waterfall-toolbar">
        <input type="checkbox" checked={criticalOnly} onChange={(e) => setCriticalOnly(e.currentTarget.checked)} data-testid="critical-only-toggle" />{" "}
        critical path only <span className="legend-critical" /> on the critical path
      </label>
      {rows.filter(({ span }) => !criticalOnly || chain.has(span.spanId)).map(({ span, depth }) => {
        const kind = span.statusCode === 2 ? "error" : span.attributes["switchyard.attempt.index"] !== undefined ? "attempt" : span.name.startsWith("switchyard.state") ? "state" : "other";
        const segments = segmentsOf.get(span.spanId) ?? [];
        const onPath = chain.has(span.spanId);
        return (
          <div className={`waterfall-row${onPath ? " critical" : ""}`} key={span.spanId} data-testid="waterfall-row" data-span-name={span.name} data-critical={String(onPath)}>
            <span className="waterfall-name" style={{ paddingLeft: depth * 14 }} title={span.name}>{span.name}</span>
            <span className="waterfall-track">
              <span className={`waterfall-bar bar-${kind}`} style={pos(span.startMs, span.endMs)} title={`${ms(span.endMs - span.startMs)}${span.statusMessage ? ` — ${span.statusMessage}` : ""}`} />
              {segments.map((seg) => (
                <span key={seg.startMs} className="waterfall-critical" data-testid="critical-segment" style={pos(seg.startMs, seg.endMs)} title={`critical path: ${ms(seg.endMs - seg.startMs)}`} />
              ))}
            </span>
            <span className="waterfall-dur">{ms(span.endMs - span.startMs)}</span>
          </div>
        );
      })}
    </div>
  );
};
