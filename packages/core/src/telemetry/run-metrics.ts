import { createNoopMeter, type Attributes, type Meter } from "@opentelemetry/api";
import type { AttemptRecord } from "../runtime/run-info.js";
import { Attr, MetricName } from "./attribute-names.js";

/**
 * The instruments one observer records into: operation duration, token usage, time to
 * first token and cost, each by route and model.
 * @example
 * const m = makeRunMetrics(metrics.getMeter("app"));
 * m.recordAttempt("support", record, "openai", "gpt-4o-mini");
 */
export interface RunMetrics {
  readonly recordAttempt: (route: string, record: AttemptRecord, genAiProvider: string, responseModel?: string) => void;
}

const noopMeterClass: unknown = createNoopMeter().constructor;

/**
 * Creates the instruments on `meter`. Bucket boundaries follow the GenAI conventions'
 * advice so durations and token counts land in useful buckets.
 * @example
 * const m = makeRunMetrics(metrics.getMeter("@switchyard/core"));
 */
export const makeRunMetrics = (meter: Meter): RunMetrics => {
  // With no meter provider registered the API hands out a no-op meter, and metrics.getMeter
  // never upgrades it later: skip building attribute objects nobody records.
  if (meter.constructor === noopMeterClass) return { recordAttempt: () => undefined };
  const duration = meter.createHistogram(MetricName.operationDuration, {
    unit: "s",
    description: "Duration of one provider call",
    advice: { explicitBucketBoundaries: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] },
  });
  const tokens = meter.createHistogram(MetricName.tokenUsage, {
    unit: "{token}",
    description: "Tokens used by one provider call",
    advice: { explicitBucketBoundaries: [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576] },
  });
  const ttft = meter.createHistogram(MetricName.ttft, { unit: "s", description: "Time to first token of a streamed call" });
  const cost = meter.createCounter(MetricName.cost, { unit: "USD", description: "Spend on provider calls" });

  return {
    recordAttempt: (route, record, genAiProvider, responseModel) => {
      const attrs: Attributes = {
        [Attr.genAiOperation]: "chat",
        [Attr.genAiProvider]: genAiProvider,
        [Attr.genAiRequestModel]: record.providerModel,
        [Attr.route]: route,
        [Attr.model]: record.model,
        ...(responseModel ? { [Attr.genAiResponseModel]: responseModel } : {}),
        ...(record.errorTag ? { [Attr.errorType]: record.errorTag } : {}),
      };
      duration.record(record.durationMs / 1000, attrs);
      if (record.usage) {
        tokens.record(record.usage.inputTokens, Object.assign({}, attrs, { [Attr.genAiTokenType]: "input" }));
        tokens.record(record.usage.outputTokens, Object.assign({}, attrs, { [Attr.genAiTokenType]: "output" }));
      }
      if (record.ttftMs !== undefined) ttft.record(record.ttftMs / 1000, attrs);
      if (record.costUsd !== undefined && record.costUsd > 0) cost.add(record.costUsd, attrs);
    },
  };
};
