import type { AddressInfo } from "node:net";
import { dirname, resolve } from "node:path";
import { makeMemoryRouterState, type Router, type RouterStateService, type RunObserver } from "@switchyard/core";
import { createMemoryKeyStore, type KeyStore } from "../auth/key-store.js";
import { createRedisKeyStore } from "../auth/redis-key-store.js";
import { isLoopbackAddress } from "../auth/loopback-address.js";
import { buildRuntime, type GatewayRuntime } from "../config/build-runtime.js";
import type { GatewayConfig } from "../config/define-config.js";
import { loadConfigFile } from "../config/load-config-file.js";
import { resolveTlsMaterial, type TlsMaterial, type TlsSource } from "../config/resolve-tls-material.js";
import { validateConfig, type ValidatedConfig } from "../config/validate-config.js";
import { watchConfig } from "../config/watch-config.js";
import { createRedisConnection, type RedisConnection } from "../state/redis-connection.js";
import { makeRedisRouterState, type RedisRouterState } from "../state/redis-router-state.js";
import { createAttemptTracker } from "./attempt-tracker.js";
import { createGatewayServer } from "./create-gateway-server.js";
import type { GatewayContext } from "./gateway-context.js";
import { createLogger, type Logger } from "./logger.js";

/** Options of {@link startGateway}. */
export interface StartGatewayOptions {
  /** A config object (`defineConfig({...})`) or the path of a config file (hot-reloaded). */
  readonly config: GatewayConfig | string;
  /** Default: the config's `server.port`, else 8787. 0 picks a free port. */
  readonly port?: number;
  /** Default: the config's `server.host`, else 127.0.0.1. */
  readonly host?: string;
  /** Receives every run (telemetry). */
  readonly observer?: RunObserver;
  readonly logger?: Logger;
  /** Watch a config file and reload on change. Default true for file configs. */
  readonly watch?: boolean;
  /**
   * Serve HTTPS with this certificate and key (PEM, `env:NAME`, or paths relative to the
   * working directory); overrides the config's `server.tls`.
   */
  readonly tls?: TlsSource;
}

/** A running gateway. */
export interface RunningGateway {
  readonly url: string;
  readonly port: number;
  /** The router currently serving (replaced on reload). */
  readonly router: Router;
  /** Reloads the config file now; resolves false (old config kept) when the new one is invalid. */
  readonly reload: () => Promise<boolean>;
  /** Graceful: stops accepting, drains in-flight requests (bounded), closes Redis. */
  readonly close: () => Promise<void>;
}

const loadValidated = async (config: GatewayConfig | string) => validateConfig(typeof config === "string" ? await loadConfigFile(config) : config);

/** TLS from the options (paths from the working directory) or the config (paths from its file). */
const tlsOf = (options: StartGatewayOptions, settings: ValidatedConfig["settings"]): TlsMaterial | undefined => {
  if (options.tls !== undefined) return resolveTlsMaterial(options.tls, process.cwd());
  const source = settings.server?.tls;
  if (source === undefined) return undefined;
  return resolveTlsMaterial(source, typeof options.config === "string" ? dirname(resolve(options.config)) : process.cwd());
};

/**
 * Starts the OpenAI- and Anthropic-compatible gateway over a config's routes.
 * @example
 * const gw = await startGateway({ config: "switchyard.config.ts", port: 0 });
 * const res = await fetch(`${gw.url}/v1/chat/completions`, { method: "POST", body: JSON.stringify({ model: "main", messages }) });
 * await gw.close();
 */
export const startGateway = async (options: StartGatewayOptions): Promise<RunningGateway> => {
  const log = options.logger ?? createLogger();
  const validated = await loadValidated(options.config);
  const { settings } = validated;
  // Before anything opens a connection: a bad certificate fails the start cleanly.
  const tls = tlsOf(options, settings);
  if (tls !== undefined) log.addSecrets([tls.key]);

  let conn: RedisConnection | undefined;
  let redisState: RedisRouterState | undefined;
  let state: RouterStateService;
  let keys: KeyStore;
  if (settings.state?.redis !== undefined) {
    conn = createRedisConnection(settings.state.redis, log);
    redisState = makeRedisRouterState(conn, { prefix: settings.state.prefix, log });
    state = redisState;
    keys = createRedisKeyStore(conn, settings.state.prefix, log);
    if (!(await conn.waitReady(3000))) log.warn("redis not reachable at start: serving on local state (degraded)");
  } else {
    state = makeMemoryRouterState();
    keys = createMemoryKeyStore();
  }

  const tracker = createAttemptTracker(options.observer);
  const build = (v: typeof validated): GatewayRuntime => {
    const rt = buildRuntime(v, { state, observer: tracker.observer });
    log.addSecrets(rt.secrets);
    return rt;
  };
  let runtime = build(validated);
  const gw: GatewayContext = { current: () => runtime, state, redis: redisState, keys, log, observer: options.observer, tracker, streams: { active: 0 } };
  const { server, drain, setTls } = createGatewayServer(gw, tls);

  const reload = async (): Promise<boolean> => {
    if (typeof options.config !== "string") return false;
    try {
      const nextConfig = await loadValidated(options.config);
      const nextTls = tlsOf(options, nextConfig.settings);
      const next = build(nextConfig);
      if (next.settings.state?.redis !== settings.state?.redis) log.warn("config reload: `state` changes take effect after a restart");
      if ((nextTls === undefined) !== (tls === undefined)) log.warn("config reload: switching between HTTP and HTTPS takes effect after a restart");
      else if (nextTls !== undefined) {
        // Re-read on every reload, so rotated certificate files are picked up by new connections.
        log.addSecrets([nextTls.key]);
        setTls(nextTls);
      }
      // One assignment: new requests see the new router, in-flight ones keep theirs.
      runtime = next;
      log.info("config reloaded", { routes: next.router.routes.length });
      return true;
    } catch (e) {
      log.error("config reload rejected; the previous config keeps serving", { error: e instanceof Error ? e.message : String(e) });
      return false;
    }
  };
  const stopWatching = typeof options.config === "string" && options.watch !== false ? watchConfig(options.config, () => void reload()) : undefined;

  const port = options.port ?? settings.server?.port ?? 8787;
  const host = options.host ?? settings.server?.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  if (settings.admin !== undefined && host !== "localhost" && !isLoopbackAddress(host)) {
    if (!settings.admin.allowRemote) log.info("admin API answers loopback clients only (admin.allowRemote is off)", { host });
    else if (tls === undefined) log.warn("admin API is reachable from other hosts over plain HTTP: the admin key crosses the network unencrypted", { host });
  }
  const url = `${tls === undefined ? "http" : "https"}://${host.includes(":") ? `[${host}]` : host}:${actual}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port: actual,
    get router() {
      return runtime.router;
    },
    reload,
    close: () =>
      (closing ??= (async () => {
        stopWatching?.();
        await drain(runtime.settings.limits.shutdownGraceMs);
        await conn?.close();
      })()),
  };
};
