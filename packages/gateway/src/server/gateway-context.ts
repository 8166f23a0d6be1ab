import type { Cancellation } from "./cancellation.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RouterStateService, RunObserver } from "@switchyard/core";
import type { KeyStore } from "../auth/key-store.js";
import type { GatewayRuntime } from "../config/build-runtime.js";
import type { RedisRouterState } from "../state/redis-router-state.js";
import type { AttemptTracker } from "./attempt-tracker.js";
import type { Logger } from "./logger.js";

/** What lives as long as the server: state, key store, logger, the current runtime. */
export interface GatewayContext {
  /** The runtime new requests use; replaced atomically on hot reload. */
  readonly current: () => GatewayRuntime;
  readonly state: RouterStateService;
  /** Present when the state is in Redis. */
  readonly redis: RedisRouterState | undefined;
  readonly keys: KeyStore;
  readonly log: Logger;
  readonly observer: RunObserver | undefined;
  readonly tracker: AttemptTracker;
  /** Open SSE streams, for `maxConcurrentStreams`. */
  readonly streams: { active: number };
}

/** The wire format of an endpoint: decides the shape of error bodies. */
export type WireFormat = "openai" | "anthropic";

/** One HTTP exchange, with the runtime captured when it started. */
export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly requestId: string;
  readonly runtime: GatewayRuntime;
  readonly format: WireFormat;
  /** Cancelled when the client disconnects or the gateway's request timeout passes. */
  readonly cancellation: Cancellation;
}

/** An endpoint handler. It may throw GatewayErrors or tagged errors; the server renders them. */
export type Handler = (gw: GatewayContext, ex: Exchange) => Promise<void>;
