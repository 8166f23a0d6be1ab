import type { SimLogEntry } from "@switchyard/providers/testing";

/** What the upstream simulator saw for one client request (found by its unique prompt). */
export interface UpstreamAudit {
  /** Upstream calls carrying this prompt, in arrival order. */
  readonly calls: ReadonlyArray<SimLogEntry>;
  /** Calls that the simulator answered completely and successfully. */
  readonly answered: number;
}

const promptOf = (e: SimLogEntry): string | undefined => {
  const body = e.body;
  if (typeof body !== "object" || body === null || !("messages" in body) || !Array.isArray(body.messages)) return undefined;
  const last: unknown = body.messages.at(-1);
  return typeof last === "object" && last !== null && "content" in last && typeof last.content === "string" ? last.content : undefined;
};

/**
 * Groups the simulator's chat log by the last user message, so each client request (sent
 * with a unique prompt) can be matched with every upstream attempt it caused.
 * @example
 * const audit = auditByPrompt(sim.log);
 * audit.get("chaos #3")?.calls.length; // upstream attempts for request 3
 */
export const auditByPrompt = (log: ReadonlyArray<SimLogEntry>): Map<string, UpstreamAudit> => {
  const byPrompt = new Map<string, SimLogEntry[]>();
  for (const e of log) {
    if (!e.path.endsWith("/chat/completions")) continue;
    const p = promptOf(e);
    if (p === undefined) continue;
    byPrompt.set(p, [...(byPrompt.get(p) ?? []), e]);
  }
  return new Map([...byPrompt].map(([p, calls]) => [p, { calls, answered: calls.filter((c) => c.outcome === "ok").length }]));
};

/**
 * Counts the faults the simulator actually injected, by kind.
 * @example
 * faultCounts(sim.log); // { "http-500": 12, "http-429": 9, hang: 11, reset: 10, "invalid-json": 8 }
 */
export const faultCounts = (log: ReadonlyArray<SimLogEntry>): Record<string, number> => {
  const counts: Record<string, number> = {};
  const bump = (k: string): void => void (counts[k] = (counts[k] ?? 0) + 1);
  for (const e of log) {
    if (!e.path.endsWith("/chat/completions")) continue;
    if (e.outcome === "error") bump(`http-${e.status}`);
    else if (e.outcome === "hang") bump("hang");
    else if (e.outcome === "cut") bump("reset");
    else if (e.outcome === "invalid-json") bump("invalid-json");
  }
  return counts;
};
