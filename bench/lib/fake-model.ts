import { Effect, Stream } from "effect";
import type { ChatResponse, LanguageModel, StreamEvent } from "@switchyard/core";

/**
 * An in-process LanguageModel that answers at once with a fixed response, so a benchmark
 * around it measures only the routing around the call. It is a stand-in, never a model.
 * @example
 * const model = instantModel("fake-mini", '{"answer":"ok"}');
 * await Effect.runPromise(model.generate({ messages: [{ role: "user", content: "hi" }] }));
 */
export const instantModel = (modelId: string, content = "ok"): LanguageModel => {
  const response: ChatResponse = {
    id: `fake-${modelId}`,
    model: modelId,
    message: { role: "assistant", content },
    finishReason: "stop",
    usage: { inputTokens: 12, outputTokens: 3, totalTokens: 15 },
  };
  const events: ReadonlyArray<StreamEvent> = [
    { type: "text-delta", delta: content },
    { type: "usage", usage: response.usage },
    { type: "finish", finishReason: "stop" },
  ];
  const answer = Effect.succeed(response);
  return {
    specificationVersion: "switchyard.v1",
    provider: "bench-fake",
    modelId,
    generate: () => answer,
    stream: () => Stream.fromIterable(events),
  };
};
