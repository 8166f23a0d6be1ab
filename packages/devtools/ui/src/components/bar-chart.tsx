interface Series {
  readonly name: string;
  readonly values: ReadonlyArray<number | undefined>;
  readonly color: string;
}

/** A small SVG chart: one bar group per bucket, a series per colour. Enough for trends. */
export const BarChart = ({ title, series, format, testId }: { readonly title: string; readonly series: ReadonlyArray<Series>; readonly format: (v: number) => string; readonly testId?: string }) => {
  const n = Math.max(0, ...series.map((s) => s.values.length));
  const max = Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const w = 600;
  const h = 120;
  const groupW = n ? w / n : w;
  const barW = Math.max(1, groupW / Math.max(1, series.length) - 1);
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>
        {title} <span className="muted">max {format(max)}</span>
        {series.map((s) => <span key={s.name} className="legend" style={{ color: s.color }}>■ {s.name}</span>)}
      </figcaption>
      <svg viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" width="100%" height={h}>
        {series.map((s, si) =>
          s.values.map((v, i) => {
            const bh = max > 0 && v ? (v / max) * (h - 4) : 0;
            return <rect key={`${si}-${i}`} x={i * groupW + si * barW} y={h - bh} width={barW} height={bh} fill={s.color}><title>{`${s.name}: ${format(v ?? 0)}`}</title></rect>;
          }),
        )}
      </svg>
    </figure>
  );
};
