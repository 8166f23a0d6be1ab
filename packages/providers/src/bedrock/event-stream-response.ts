import { Unavailable, type ProviderError, type StreamEvent } from "@switchyard/core";
import * as Effect from "effect/Effect";
import * as Stream from "effect/Stream";
import { EventStreamDecoder, EventStreamFrameError } from "./aws-event-stream-codec.js";
import type { EventStreamMapper } from "./bedrock-stream-mapper.js";

type Step = ReadonlyArray<StreamEvent> | ProviderError;

async function* mapFrames(body: ReadableStream<Uint8Array>, mapper: EventStreamMapper, ctx: { provider: string; model: string }): AsyncIterable<Step> {
  const reader = body.getReader();
  const decoder = new EventStreamDecoder();
  let done = false;
  try {
    for (;;) {
      const read = await reader.read();
      if (read.done) {
        done = true;
        break;
      }
      let messages;
      try {
        messages = decoder.push(read.value);
      } catch (cause) {
        if (cause instanceof EventStreamFrameError) {
          yield new Unavailable({ message: `${ctx.provider}: corrupt event-stream frame (${cause.message})`, ...ctx });
          return;
        }
        throw cause;
      }
      for (const message of messages) {
        const step = mapper.onMessage(message);
        yield step;
        if (!Array.isArray(step)) return;
      }
    }
    yield decoder.hasPartialFrame ? new Unavailable({ message: `${ctx.provider}: stream cut off mid-frame`, ...ctx }) : mapper.onEnd();
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * The AWS event-stream counterpart of the kit's `sseEventStream`: opens the request,
 * decodes `application/vnd.amazon.eventstream` frames (CRC-checked), maps them, and aborts
 * the fetch when the consumer stops. A body cut mid-way is `Unavailable`.
 * @example
 * const stream = eventStreamResponse({ provider: "bedrock", model, open: (signal) => send(signal), mapper: () => createBedrockStreamMapper(model, false) });
 */
export const eventStreamResponse = (options: {
  readonly provider: string;
  readonly model: string;
  readonly open: (signal: AbortSignal) => Effect.Effect<Response, ProviderError>;
  readonly mapper: () => EventStreamMapper;
}): Stream.Stream<StreamEvent, ProviderError> => {
  const ctx = { provider: options.provider, model: options.model };
  return Stream.unwrap(
    Effect.gen(function* () {
      const controller = yield* Effect.acquireRelease(
        Effect.sync(() => new AbortController()),
        (c) => Effect.sync(() => c.abort()),
      );
      const response = yield* options.open(controller.signal);
      if (response.body === null) return Stream.fail(new Unavailable({ message: `${options.provider}: streaming response has no body`, ...ctx }));
      return Stream.fromAsyncIterable(
        mapFrames(response.body, options.mapper(), ctx),
        (cause): ProviderError =>
          new Unavailable({ message: `${options.provider}: stream cut off by upstream (${cause instanceof Error ? cause.message : String(cause)})`, ...ctx }),
      ).pipe(
        Stream.mapEffect((step) => (Array.isArray(step) ? Effect.succeed(step as ReadonlyArray<StreamEvent>) : Effect.fail(step as ProviderError))),
        Stream.flattenIterable,
      );
    }),
  );
};
