import { Effect, Stream } from "effect";
import type { ChatResponse, LanguageModel, StreamEvent } from "@switchyard/core";

/**
 * An in-process LanguageModel that answers with a fixed response, so a benchmark around it
 * measures only the routing around the call. It is a stand-in, never a model. By default
 * it answers synchronously; with `{ async: true }` the answer arrives on a later tick, as
 * real I/O does, so the run really suspends and resumes (what every HTTP call pays).
 * @example
 * const model = instantModel("fake-mini", '{"answer":"ok"}', { async: true });
 * await Effect.runPromise(model.generate({ messages: [{ role: "user", content: "hi" }] }));
 */
export const instantModel = (modelId: string, content = "ok", options: { readonly async?: boolean } = {}): LanguageModel => {
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
  const answer =
    options.async === true
      ? Effect.callback<ChatResponse>((resume) => {
          setImmediate(() => resume(Effect.succeed(response)));
        })
      : Effect.succeed(response);
  return {
    specificationVersion: "switchyard.v1",
    provider: "bench-fake",
    modelId,
    generate: () => answer,
    stream: () => Stream.fromIterable(events),
  };
};
