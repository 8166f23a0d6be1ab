import { trace } from "@opentelemetry/api";
import { createRequire } from "node:module";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import type { RunObserver } from "../runtime/run-observer.js";
import { otelObserver, type OtelObserverOptions } from "./otel-observer.js";

/** Options of {@link startTelemetry}. */
export interface StartTelemetryOptions extends Omit<OtelObserverOptions, "tracer"> {
  readonly serviceName: string;
  /** OTLP/HTTP base URL (`http://127.0.0.1:4318`) or the full `/v1/traces` URL. */
  readonly otlpEndpoint: string;
  /** Extra export headers, e.g. `{ authorization: "Bearer ..." }` for a devtools bound beyond localhost. */
  readonly headers?: Readonly<Record<string, string>>;
  /** How long spans wait in the batch before export (ms). Short by default so runs show up promptly. */
  readonly exportDelayMs?: number;
  /** Also make this the global tracer provider when none is set yet. Default true. */
  readonly registerGlobal?: boolean;
}

/** What {@link startTelemetry} returns. */
export interface Telemetry {
  /** Pass to `createRouter({ observer })`. */
  readonly observer: RunObserver;
  /** Exports every finished span now. */
  readonly flush: () => Promise<void>;
  /** Exports what is left and stops the exporter. */
  readonly shutdown: () => Promise<void>;
}

const tracesUrl = (endpoint: string): string => {
  const base = endpoint.replace(/\/+$/, "");
  return base.endsWith("/v1/traces") ? base : `${base}/v1/traces`;
};

/**
 * Sends every routed run's spans over OTLP/HTTP (JSON) to `otlpEndpoint` — the devtools or
 * any collector — in one call: a tracer provider with a batching exporter plus the
 * {@link otelObserver} that writes into it.
 * @example
 * const telemetry = startTelemetry({ serviceName: "my-app", otlpEndpoint: "http://127.0.0.1:4318" });
 * const router = createRouter({ models, routes, observer: telemetry.observer });
 * // ... on exit:
 * await telemetry.shutdown();
 */
export const startTelemetry = (options: StartTelemetryOptions): Telemetry => {
  // Required on use (the SDK packages are CommonJS, so synchronously): a process that only
  // imports @switchyard/core never loads the OpenTelemetry SDK.
  const require = createRequire(import.meta.url);
  const { OTLPTraceExporter } = require("@opentelemetry/exporter-trace-otlp-http") as typeof import("@opentelemetry/exporter-trace-otlp-http");
  const { resourceFromAttributes } = require("@opentelemetry/resources") as typeof import("@opentelemetry/resources");
  const { BasicTracerProvider, BatchSpanProcessor } = require("@opentelemetry/sdk-trace-base") as typeof import("@opentelemetry/sdk-trace-base");
  const exporter = new OTLPTraceExporter({ url: tracesUrl(options.otlpEndpoint), headers: { ...options.headers } });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: options.exportDelayMs ?? 500 })],
  });
  const registered = options.registerGlobal !== false && trace.setGlobalTracerProvider(provider);
  const { serviceName: _s, otlpEndpoint: _e, headers: _h, exportDelayMs: _d, registerGlobal: _r, ...observerOptions } = options;
  return {
    observer: otelObserver({ ...observerOptions, tracer: provider.getTracer("@switchyard/core") }),
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      await provider.shutdown();
      if (registered) trace.disable();
    },
  };
};
