import type { ServerResponse } from "node:http";
import type { LiveRunEvent, RunSummary } from "../api/api-types.js";

/**
 * Server-sent events for new and updated runs. Each viewer gets one `run` event per change;
 * a comment every 15 s keeps proxies from closing idle streams.
 * @example
 * const live = makeLiveUpdates();
 * live.subscribe(res); live.publish(changedRuns);
 */
export interface LiveUpdates {
  readonly subscribe: (res: ServerResponse) => void;
  readonly publish: (runs: ReadonlyArray<RunSummary>) => void;
  readonly close: () => void;
}

/** @example const live = makeLiveUpdates(); */
export const makeLiveUpdates = (): LiveUpdates => {
  const clients = new Set<ServerResponse>();
  const heartbeat = setInterval(() => {
    for (const c of clients) c.write(": keep-alive\n\n");
  }, 15_000);
  heartbeat.unref();
  return {
    subscribe: (res) => {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
      res.write("retry: 2000\n\n");
      clients.add(res);
      res.on("close", () => clients.delete(res));
    },
    publish: (runs) => {
      if (clients.size === 0) return;
      for (const run of runs) {
        const event: LiveRunEvent = { type: "run", run };
        const line = `event: run\ndata: ${JSON.stringify(event)}\n\n`;
        for (const c of clients) c.write(line);
      }
    },
    close: () => {
      clearInterval(heartbeat);
      for (const c of clients) c.end();
      clients.clear();
    },
  };
};
