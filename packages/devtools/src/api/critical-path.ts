/** The part of a span that lies on the critical path. */
export interface CriticalSegment {
  readonly spanId: string;
  readonly startMs: number;
  readonly endMs: number;
}

interface SpanTiming {
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * The critical path of a run, Jaeger-style: the chain of spans that determined when the run
 * ended. Walking back from the root's end, the child that finished last is on the path, then
 * the child that finished last among those started before that one, and so on; time no child covers
 * belongs to the parent itself. Children are clipped to their parent (a child outliving it
 * cannot delay it), so an overlapping loser (a cancelled hedge, a slow call nobody waited
 * for) is off the path. Returns segments in time order; the root is the `switchyard.route`
 * span, or else the parentless span that ended last.
 * @example
 * const segments = criticalPath(detail.spans);
 * const onPath = new Set(segments.map((s) => s.spanId));
 */
export const criticalPath = (spans: ReadonlyArray<SpanTiming>): CriticalSegment[] => {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string, SpanTiming[]>();
  const parentless: SpanTiming[] = [];
  for (const s of spans) {
    if (s.parentSpanId && ids.has(s.parentSpanId)) {
      const list = children.get(s.parentSpanId);
      if (list) list.push(s);
      else children.set(s.parentSpanId, [s]);
    } else parentless.push(s);
  }
  const root =
    parentless.find((s) => s.name.startsWith("switchyard.route ")) ?? [...parentless].sort((a, b) => b.endMs - a.endMs)[0];
  if (!root) return [];
  const out: CriticalSegment[] = [];
  // Parent links from a parentless root form a tree, so the recursion ends.
  const visit = (span: SpanTiming, fromMs: number, toMs: number): void => {
    let cursor = toMs;
    // Latest-finishing first; a child is eligible only if it ended by the time the chain reached it.
    const kids = (children.get(span.spanId) ?? [])
      .map((k) => ({ span: k, start: Math.max(k.startMs, fromMs), end: Math.min(k.endMs, toMs) }))
      .filter((k) => k.end > k.start)
      .sort((a, b) => b.end - a.end || b.start - a.start);
    for (const k of kids) {
      if (cursor <= fromMs) break;
      // Eligible if it started before the chain reached it. A child ending a little after that
      // point (clocks that round start times to the millisecond) is clipped, not skipped.
      if (k.start >= cursor) continue;
      const end = Math.min(k.end, cursor);
      if (cursor > end) out.push({ spanId: span.spanId, startMs: end, endMs: cursor });
      visit(k.span, k.start, end);
      cursor = k.start;
    }
    if (cursor > fromMs) out.push({ spanId: span.spanId, startMs: fromMs, endMs: cursor });
  };
  visit(root, root.startMs, root.endMs);
  return out.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
};

/**
 * The spans on the critical chain: those with a segment of the path, and their ancestors
 * (a parent whose whole time is covered by a critical child is still on the chain).
 * @example
 * const chain = criticalChain(detail.spans, criticalPath(detail.spans));
 * chain.has(rootSpanId); // true
 */
export const criticalChain = (spans: ReadonlyArray<Pick<SpanTiming, "spanId" | "parentSpanId">>, segments: ReadonlyArray<CriticalSegment>): Set<string> => {
  const parentOf = new Map(spans.map((s) => [s.spanId, s.parentSpanId]));
  const chain = new Set<string>();
  for (const seg of segments) {
    for (let id: string | undefined = seg.spanId; id !== undefined && !chain.has(id) && parentOf.has(id); id = parentOf.get(id)) chain.add(id);
  }
  return chain;
};
