import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import { BasicTracerProvider, BatchSpanProcessor, type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { otelObserver, type RunObserver } from "@switchyard/core";

/** Counts spans and drops them: the exporter cost is zero, so what remains is the span work itself. */
class DroppingExporter implements SpanExporter {
  exported = 0;
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.exported += spans.length;
    done({ code: ExportResultCode.SUCCESS });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Telemetry that records real spans through a BatchSpanProcessor and drops them at export. */
export interface DroppingTelemetry {
  readonly observer: RunObserver;
  /** Spans exported (and dropped) so far: proof the spans were really recorded. */
  readonly exported: () => number;
  /** Exports (drops) every span recorded so far. */
  readonly flush: () => Promise<void>;
  readonly shutdown: () => Promise<void>;
}

/**
 * "Telemetry on" for benchmarks: the real OpenTelemetry SDK (BasicTracerProvider +
 * BatchSpanProcessor, default batch settings) behind Switchyard's `otelObserver`, with an
 * exporter that drops what it receives, so the cost measured is recording, not shipping.
 * @example
 * const telemetry = droppingTelemetry();
 * const router = createRouter({ models, routes, observer: telemetry.observer });
 */
export const droppingTelemetry = (): DroppingTelemetry => {
  const exporter = new DroppingExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
  return {
    observer: otelObserver({ tracer: provider.getTracer("@switchyard/bench") }),
    exported: () => exporter.exported,
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      await provider.forceFlush();
      await provider.shutdown();
    },
  };
};
