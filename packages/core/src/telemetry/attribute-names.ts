/**
 * Span and metric names Switchyard emits. The GenAI ones follow the OpenTelemetry GenAI
 * semantic conventions; the `switchyard.*` ones are ours. The devtools read spans back by
 * these same names, so both sides import them from here instead of retyping strings.
 * @example
 * span.setAttribute(Attr.route, "support");
 */
export const Attr = {
  route: "switchyard.route",
  runId: "switchyard.run_id",
  label: "switchyard.label",
  model: "switchyard.model",
  path: "switchyard.path",
  attempts: "switchyard.attempts",
  costUsd: "switchyard.cost_usd",
  ttftMs: "switchyard.ttft_ms",
  streaming: "switchyard.streaming",
  graph: "switchyard.graph",
  graphHash: "switchyard.graph.hash",
  state: "switchyard.state",
  attemptIndex: "switchyard.attempt.index",
  attemptKind: "switchyard.attempt.kind",
  attemptOutcome: "switchyard.attempt.outcome",
  waitedMs: "switchyard.waited_ms",
  errorMessage: "switchyard.error.message",
  httpStatus: "switchyard.error.status",
  cachedInputTokens: "switchyard.usage.cached_input_tokens",
  cacheWriteInputTokens: "switchyard.usage.cache_write_input_tokens",
  reasoningTokens: "switchyard.usage.reasoning_tokens",
  errorType: "error.type",
  genAiOperation: "gen_ai.operation.name",
  genAiProvider: "gen_ai.provider.name",
  genAiSystem: "gen_ai.system",
  genAiRequestModel: "gen_ai.request.model",
  genAiResponseModel: "gen_ai.response.model",
  genAiResponseId: "gen_ai.response.id",
  genAiTemperature: "gen_ai.request.temperature",
  genAiMaxTokens: "gen_ai.request.max_tokens",
  genAiFinishReasons: "gen_ai.response.finish_reasons",
  genAiInputTokens: "gen_ai.usage.input_tokens",
  genAiOutputTokens: "gen_ai.usage.output_tokens",
  genAiInputMessages: "gen_ai.input.messages",
  genAiOutputMessages: "gen_ai.output.messages",
  genAiTokenType: "gen_ai.token.type",
} as const;

/**
 * Span names and span-name prefixes: `switchyard.route {route}`, `switchyard.state {state}`,
 * `chat {providerModel}`; plus span event names.
 * @example
 * tracer.startSpan(`${SpanName.route} ${route}`);
 */
export const SpanName = {
  route: "switchyard.route",
  state: "switchyard.state",
  chat: "chat",
  graphEvent: "switchyard.graph",
  firstTokenEvent: "switchyard.first_token",
} as const;

/**
 * Metric instrument names.
 * @example
 * meter.createHistogram(MetricName.operationDuration, { unit: "s" });
 */
export const MetricName = {
  operationDuration: "gen_ai.client.operation.duration",
  tokenUsage: "gen_ai.client.token.usage",
  ttft: "switchyard.ttft",
  cost: "switchyard.cost",
} as const;
