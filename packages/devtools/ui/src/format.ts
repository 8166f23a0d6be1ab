/** Milliseconds as "850 ms" / "1.24 s". */
export const ms = (v: number | undefined): string => (v === undefined ? "–" : v < 1000 ? `${v.toFixed(v < 10 ? 1 : 0)} ms` : `${(v / 1000).toFixed(2)} s`);

/** USD with enough digits for sub-cent calls. */
export const usd = (v: number | undefined): string => (v === undefined ? "–" : v === 0 ? "$0" : v < 0.01 ? `$${v.toFixed(6)}` : `$${v.toFixed(4)}`);

/** A token count, or a dash. */
export const tokens = (v: number | undefined): string => (v === undefined ? "–" : v.toLocaleString("en-US"));

/** Local time with milliseconds. */
export const time = (epochMs: number): string => {
  const d = new Date(epochMs);
  return `${d.toLocaleDateString("en-CA")} ${d.toLocaleTimeString("en-GB")}.${String(d.getMilliseconds()).padStart(3, "0")}`;
};

/** Percent with one decimal. */
export const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
