import {
  APICallError,
  type LanguageModelV3,
  type LanguageModelV3Content,
  type LanguageModelV3StreamPart,
  type LanguageModelV3Usage,
  type SharedV3ProviderMetadata,
} from "@ai-sdk/provider";
import type { FinishReason, RouterStreamEvent, RunInfo, Router, Usage } from "@switchyard/core";
import { fromV3CallOptions } from "./convert-from-v3-call-options.js";

const toV3Usage = (usage: Usage | undefined): LanguageModelV3Usage => {
  const cached = usage?.cachedInputTokens;
  const written = usage?.cacheWriteInputTokens;
  const reasoning = usage?.reasoningTokens;
  return {
    inputTokens: {
      total: usage?.inputTokens,
      noCache: usage === undefined ? undefined : usage.inputTokens - (cached ?? 0) - (written ?? 0),
      cacheRead: cached,
      cacheWrite: written,
    },
    outputTokens: { total: usage?.outputTokens, text: usage === undefined ? undefined : usage.outputTokens - (reasoning ?? 0), reasoning },
  };
};

const runMetadata = (run: RunInfo): SharedV3ProviderMetadata => ({
  switchyard: {
    runId: run.runId,
    route: run.route,
    model: run.model,
    path: [...run.path],
    attempts: run.attempts.length,
    ...(run.costUsd !== undefined ? { costUsd: run.costUsd } : {}),
  },
});

/**
 * A routed failure as the AI SDK expects it. `isRetryable` is false: the route already
 * retried and fell back as configured, and a second retry loop in `generateText` would
 * multiply upstream calls.
 */
const toApiCallError = (error: unknown, route: string): unknown => {
  // Only Switchyard's tagged errors are routed outcomes; anything else is a defect and passes through as-is.
  if (APICallError.isInstance(error) || !(error instanceof Error) || !("_tag" in error)) return error;
  const status =
    "status" in error && typeof error.status === "number"
      ? error.status
      : "lastStatus" in error && typeof error.lastStatus === "number"
        ? error.lastStatus
        : undefined;
  return new APICallError({
    message: error.message,
    url: `switchyard://routes/${route}`,
    requestBodyValues: undefined,
    ...(status !== undefined ? { statusCode: status } : {}),
    isRetryable: false,
    cause: error,
    data: { tag: error._tag },
  });
};

const unified = (reason: FinishReason) => ({ unified: reason, raw: reason });

/**
 * Maps routed stream events to v3 stream parts: text and reasoning get start/end frames,
 * tool-call deltas become tool-input parts and a final `tool-call` each, and the closing
 * `run` event becomes `finish` with the run as provider metadata.
 */
const createRouterEventMapper = () => {
  let textOpen = false;
  let reasoningOpen = false;
  const tools = new Map<number, { id: string; name: string; input: string }>();
  let usage: Usage | undefined;
  let finishReason: FinishReason = "other";
  return (ev: RouterStreamEvent): LanguageModelV3StreamPart[] => {
    switch (ev.type) {
      case "response-metadata":
        return [{ type: "response-metadata", ...(ev.id ? { id: ev.id } : {}), ...(ev.model ? { modelId: ev.model } : {}) }];
      case "text-delta": {
        const start: LanguageModelV3StreamPart[] = textOpen ? [] : [{ type: "text-start", id: "text" }];
        textOpen = true;
        return [...start, { type: "text-delta", id: "text", delta: ev.delta }];
      }
      case "reasoning-delta": {
        const start: LanguageModelV3StreamPart[] = reasoningOpen ? [] : [{ type: "reasoning-start", id: "reasoning" }];
        reasoningOpen = true;
        return [...start, { type: "reasoning-delta", id: "reasoning", delta: ev.delta }];
      }
      case "tool-call-delta": {
        const parts: LanguageModelV3StreamPart[] = [];
        let call = tools.get(ev.index);
        if (!call) {
          call = { id: ev.id ?? `call-${ev.index}`, name: ev.name ?? "", input: "" };
          tools.set(ev.index, call);
          parts.push({ type: "tool-input-start", id: call.id, toolName: call.name });
        }
        call.input += ev.argumentsDelta;
        if (ev.argumentsDelta) parts.push({ type: "tool-input-delta", id: call.id, delta: ev.argumentsDelta });
        return parts;
      }
      case "usage":
        usage = ev.usage;
        return [];
      case "finish":
        finishReason = ev.finishReason;
        return [];
      case "run":
        return [
          ...(textOpen ? [{ type: "text-end", id: "text" } as const] : []),
          ...(reasoningOpen ? [{ type: "reasoning-end", id: "reasoning" } as const] : []),
          ...[...tools.values()].flatMap((call): LanguageModelV3StreamPart[] => [
            { type: "tool-input-end", id: call.id },
            { type: "tool-call", toolCallId: call.id, toolName: call.name, input: call.input },
          ]),
          { type: "finish", finishReason: unified(finishReason), usage: toV3Usage(usage ?? ev.run.usage), providerMetadata: runMetadata(ev.run) },
        ];
    }
  };
};

/**
 * Hands a Switchyard route to the Vercel AI SDK as a `LanguageModelV3`, so
 * `generateText` / `streamText` / `generateObject` run through the route's classify,
 * pick, retry, fallback and validation. The run (route, model that answered, attempts,
 * cost) comes back as `providerMetadata.switchyard`.
 * @example
 * import { generateText } from "ai";
 * const { text, providerMetadata } = await generateText({ model: toAiSdk(router, "support"), prompt: "Hi" });
 */
export const toAiSdk = <R extends Readonly<Record<string, unknown>>>(router: Router<R>, route: Extract<keyof R, string>): LanguageModelV3 => ({
  specificationVersion: "v3",
  provider: "switchyard",
  modelId: route,
  // Routes accept https image URLs as-is, so the AI SDK need not download them.
  supportedUrls: { "image/*": [/^https:\/\/.*$/] },

  async doGenerate(options) {
    const { request, warnings } = fromV3CallOptions(options);
    const result = await router.chat(route, request, options.abortSignal ? { signal: options.abortSignal } : {}).catch((e: unknown) => {
      throw toApiCallError(e, route);
    });
    const content: LanguageModelV3Content[] = [];
    if (result.message.reasoning) content.push({ type: "reasoning", text: result.message.reasoning });
    if (result.message.content) content.push({ type: "text", text: result.message.content });
    for (const call of result.message.toolCalls ?? []) content.push({ type: "tool-call", toolCallId: call.id, toolName: call.name, input: call.arguments });
    return {
      content,
      finishReason: unified(result.finishReason),
      usage: toV3Usage(result.usage),
      providerMetadata: runMetadata(result.run),
      request: { body: request },
      response: { id: result.id, modelId: result.model },
      warnings,
    };
  },

  async doStream(options) {
    const { request, warnings } = fromV3CallOptions(options);
    const iterator = router.stream(route, request, options.abortSignal ? { signal: options.abortSignal } : {})[Symbol.asyncIterator]();
    const toParts = createRouterEventMapper();
    const stream = new ReadableStream<LanguageModelV3StreamPart>({
      start(controller) {
        controller.enqueue({ type: "stream-start", warnings });
      },
      async pull(controller) {
        // Loop until a part is enqueued: a pull that enqueues nothing is not called again.
        for (;;) {
          let next: IteratorResult<RouterStreamEvent>;
          try {
            next = await iterator.next();
          } catch (e) {
            controller.enqueue({ type: "error", error: toApiCallError(e, route) });
            controller.close();
            return;
          }
          if (next.done) {
            controller.close();
            return;
          }
          const parts = toParts(next.value);
          for (const part of parts) controller.enqueue(part);
          if (parts.length > 0) return;
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    });
    return { stream, request: { body: request } };
  },
});
