/**
 * What the simulator saw and did for one request. Entries are live: `aborted`, `outcome`,
 * `status` and `durationMs` update as the request finishes, so wait with `sim.settled()`
 * before asserting on them.
 * @example
 * await sim.settled();
 * expect(sim.log.at(-1)).toMatchObject({ model: "sim-hang", outcome: "hang", aborted: true });
 */
export interface SimLogEntry {
  readonly id: number;
  readonly method: string;
  readonly path: string;
  readonly model: string;
  /** Epoch ms when the request arrived. */
  readonly time: number;
  readonly stream: boolean;
  /** The request body as parsed JSON (undefined when it was not JSON). */
  readonly body: unknown;
  /** Request headers, with credentials masked (`authorization`, `api-key`, `x-api-key`). */
  readonly headers: Readonly<Record<string, string>>;
  outcome: "pending" | "ok" | "error" | "hang" | "cut" | "invalid-json" | "bad-request";
  /** The HTTP status sent (0 when none was sent). */
  status: number;
  /** True when the client closed the connection before the response was complete. */
  aborted: boolean;
  /** SSE chunks written (streaming only). */
  chunksSent: number;
  /** Set once the connection for this request closed or the response completed. */
  durationMs?: number;
}

const SECRET_HEADERS = new Set(["authorization", "api-key", "x-api-key", "x-goog-api-key"]);

/**
 * Copies request headers for the log, masking credentials: the log may be printed, keys never are.
 * @example
 * maskHeaders({ authorization: "Bearer sk-123" }); // { authorization: "Bearer ***" }
 */
export const maskHeaders = (headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    out[key] = SECRET_HEADERS.has(key) ? text.replace(/^(\w+\s+)?.*$/, (_, scheme: string | undefined) => `${scheme ?? ""}***`) : text;
  }
  return out;
};
