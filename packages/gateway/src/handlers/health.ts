import { sendJson } from "../http/respond.js";
import type { GatewayContext, Handler } from "../server/gateway-context.js";

/**
 * `GET /health`: liveness; answers while the process can serve HTTP at all.
 * @example
 * // curl -s localhost:8787/health  → {"status":"ok"}
 */
export const health: Handler = async (_gw, ex) => sendJson(ex.res, 200, { status: "ok" });

/**
 * `GET /ready`: readiness. With Redis away the gateway still serves on local state, so it
 * stays ready (200) and says `degraded`; while draining for shutdown it answers 503.
 * @example
 * // curl -s localhost:8787/ready → {"status":"degraded","redis":"down"}
 */
export const ready =
  (draining: () => boolean): Handler =>
  async (gw: GatewayContext, ex) => {
    if (draining()) {
      sendJson(ex.res, 503, { status: "shutting_down" });
      return;
    }
    const redis = gw.redis === undefined ? "none" : gw.redis.status();
    sendJson(ex.res, 200, { status: redis === "down" ? "degraded" : "ok", redis });
  };
