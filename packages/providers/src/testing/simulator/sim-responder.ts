import type { ServerResponse } from "node:http";
import type { SimLogEntry } from "./sim-log.js";
import type { SimStep } from "./sim-script.js";
import { errorBody } from "./sim-wire.js";

/**
 * One in-flight simulated response: writes to the socket, owns the timers, and records
 * what happened in its log entry. Every timer is cancelled when the client goes away.
 */
export class SimResponder {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    readonly res: ServerResponse,
    readonly entry: SimLogEntry,
    private readonly onDone: () => void,
  ) {
    const started = Date.now();
    res.on("close", () => {
      this.closed = true;
      for (const t of this.timers) clearTimeout(t);
      this.timers.clear();
      // "cut" destroys the socket on purpose: that is the simulator's doing, not a client abort.
      if (!res.writableFinished && entry.outcome !== "cut") entry.aborted = true;
      entry.durationMs = Date.now() - started;
      this.onDone();
    });
  }

  /** True once the client has gone; scheduled work checks it before writing. */
  get gone(): boolean {
    return this.closed;
  }

  /** Runs `fn` after `ms` (synchronously when 0), unless the client leaves first. */
  after(ms: number, fn: () => void): void {
    if (this.closed) return;
    if (ms <= 0) return fn();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) fn();
    }, ms);
    this.timers.add(timer);
  }

  headers(status: number, contentType: string, extra: Record<string, string> = {}): void {
    this.entry.status = status;
    this.res.writeHead(status, { "content-type": contentType, "x-switchyard-simulator": "1", "x-request-id": `sim-req-${this.entry.id}`, ...extra });
  }

  json(status: number, body: unknown, extra: Record<string, string> = {}): void {
    this.headers(status, "application/json", extra);
    this.res.end(JSON.stringify(body));
  }

  /** Sends the step's HTTP error (status, OpenAI-style body, Retry-After for 429/503). */
  error(step: SimStep & { status: number }): void {
    const headers: Record<string, string> = {};
    const retryAfter = step.retryAfter ?? (step.status === 429 ? 1 : undefined);
    if (retryAfter !== undefined && (step.status === 429 || step.status === 503)) headers["retry-after"] = String(retryAfter);
    if (step.status === 429) {
      headers["x-ratelimit-limit-requests"] = "60";
      headers["x-ratelimit-remaining-requests"] = "0";
      headers["x-ratelimit-reset-requests"] = `${retryAfter ?? 1}s`;
    }
    this.entry.outcome = "error";
    this.json(step.status, step.errorBody ?? errorBody(step.status), headers);
  }

  badRequest(message: string, param: string | null = null, status = 400): void {
    this.entry.outcome = "bad-request";
    this.json(status, { error: { message, type: "invalid_request_error", param, code: null } });
  }

  /** Destroys the socket mid-response, as a crashed upstream or a dropped connection would. */
  cut(): void {
    this.entry.outcome = "cut";
    this.res.socket?.destroy();
  }
}
