import type { IncomingMessage, ServerResponse } from "node:http";
import { DashboardQuery, RunFilter } from "../api/run-filter.js";
import type { TraceStore } from "../store/trace-store.js";
import type { LiveUpdates } from "./live-updates.js";
import { sendError, sendJson } from "./http-helpers.js";

const params = (url: URL): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (k !== "token") out[k] = v;
  return out;
};

/**
 * The JSON API the UI reads: `GET /api/runs` (filters + cursor), `/api/runs/:id`,
 * `/api/dashboard`, `/api/filters`, and `/api/live` (SSE).
 * @example
 * if (url.pathname.startsWith("/api/")) return handleApi(req, res, url, store, live);
 */
export const handleApi = (req: IncomingMessage, res: ServerResponse, url: URL, store: TraceStore, live: LiveUpdates): void => {
  if (req.method !== "GET") return sendError(res, 405, "the devtools API is read-only (GET)", "method_not_allowed");
  const path = url.pathname;
  if (path === "/api/live") return live.subscribe(res);
  if (path === "/api/filters") return sendJson(res, 200, store.filterOptions());
  if (path === "/api/health") return sendJson(res, 200, { ok: true });
  if (path === "/api/runs") {
    const filter = RunFilter.safeParse(params(url));
    if (!filter.success) return sendError(res, 400, `bad filter ${describe(filter.error.issues)}`, "invalid_filter");
    return sendJson(res, 200, store.listRuns(filter.data));
  }
  if (path.startsWith("/api/runs/")) {
    const id = decodeURIComponent(path.slice("/api/runs/".length));
    const detail = store.getRun(id);
    return detail ? sendJson(res, 200, detail) : sendError(res, 404, `no run "${id.slice(0, 100)}" in the store`, "not_found");
  }
  if (path === "/api/dashboard") {
    const q = DashboardQuery.safeParse(params(url));
    if (!q.success) return sendError(res, 400, `bad dashboard query ${describe(q.error.issues)}`, "invalid_query");
    return sendJson(res, 200, store.dashboard(q.data));
  }
  sendError(res, 404, `no API route ${path}`, "not_found");
};

const describe = (issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string =>
  issues.map((i) => `${i.path.map(String).join(".")}: ${i.message}`).join("; ");
