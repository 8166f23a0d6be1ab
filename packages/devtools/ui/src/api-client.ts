import type { Dashboard, FilterOptions, LiveRunEvent, RunDetail, RunsPage } from "../../src/api/api-types.js";

export type { AttemptView, Dashboard, FilterOptions, GroupAggregate, RunAggregate, RunDetail, RunsPage, RunSummary, SpanView } from "../../src/api/api-types.js";

const getJson = async <T,>(path: string): Promise<T> => {
  const res = await fetch(path, { headers: { accept: "application/json" } });
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    throw new Error(body?.error?.message ?? `${res.status} ${res.statusText}`);
  }
  return (await res.json()) as T;
};

const query = (params: Readonly<Record<string, string | undefined>>): string =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== "")).toString();

/** The devtools JSON API, same origin. */
export const api = {
  runs: (params: Readonly<Record<string, string | undefined>>) => getJson<RunsPage>(`/api/runs?${query(params)}`),
  run: (id: string) => getJson<RunDetail>(`/api/runs/${encodeURIComponent(id)}`),
  dashboard: (params: Readonly<Record<string, string | undefined>>) => getJson<Dashboard>(`/api/dashboard?${query(params)}`),
  filters: () => getJson<FilterOptions>("/api/filters"),
};

/**
 * Subscribes to new/updated runs over SSE while `enabled`; returns the unsubscribe.
 * @example
 * useEffect(() => subscribeRuns(live, (run) => refresh()), [live]);
 */
export const subscribeRuns = (onRun: (event: LiveRunEvent) => void): (() => void) => {
  const source = new EventSource("/api/live");
  source.addEventListener("run", (e) => onRun(JSON.parse((e as MessageEvent<string>).data) as LiveRunEvent));
  return () => source.close();
};
