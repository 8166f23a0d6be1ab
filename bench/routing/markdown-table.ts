/** Renders rows as a GitHub-flavoured Markdown table (numbers already formatted). */
export const markdownTable = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");

/** 0.1234 → "12.3%". */
export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** 0.81234 → "0.812". */
export const num = (x: number, digits = 3): string => x.toFixed(digits);
