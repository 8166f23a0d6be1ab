import * as Arr from "effect/Array";
import * as Cause from "effect/Cause";
import * as Effect from "effect/Effect";
import * as Stream from "effect/Stream";
import { Unavailable, type ProviderError, type StreamEvent } from "@switchyard/core";
import { requestFinished } from "./http.js";
import { reusableBody } from "./reusable-body.js";
import { parseSseBatches, type SseMessage } from "./parse-sse.js";

/**
 * A mapper's way to say "this message ends the stream" (OpenAI's `[DONE]`, Anthropic's
 * `message_stop`): its events are the last ones, and the rest of the body is read and
 * dropped, so the connection goes back to the pool.
 * @example
 * if (message.data === "[DONE]") return sseDone([{ type: "finish", finishReason: "stop" }]);
 */
export interface SseDone {
  readonly _tag: "SseDone";
  readonly events: ReadonlyArray<StreamEvent>;
}

/** Builds an {@link SseDone}. @example sseDone([]); */
export const sseDone = (events: ReadonlyArray<StreamEvent>): SseDone => ({ _tag: "SseDone", events });

/**
 * Turns one SSE message into stream events. Built fresh for every stream run, so it may
 * keep state (open tool calls, whether a finish was seen...).
 * @example
 * const mapper: SseMapper = {
 *   onMessage: (m) => m.data === "[DONE]" ? [] : [{ type: "text-delta", delta: m.data }],
 *   onEnd: () => [{ type: "finish", finishReason: "stop" }],
 * };
 */
export interface SseMapper {
  /** Events for one message, the final events ({@link sseDone}), or an error that ends the stream (invalid JSON, an in-stream error event). */
  onMessage(message: SseMessage): ReadonlyArray<StreamEvent> | SseDone | ProviderError;
  /** Called when the body ends normally: final events, or an error when the stream ended too early. */
  onEnd(): ReadonlyArray<StreamEvent> | ProviderError;
}

/**
 * Input of {@link sseEventStream}.
 * @example
 * const opts: SseStreamOptions = { provider: "openai", model: "gpt-4o", open: (signal) => sendRequest({ ...req, signal }), mapper: () => mapper };
 */
export interface SseStreamOptions {
  readonly provider: string;
  readonly model: string;
  /** Sends the request. Pass `signal` on to `sendRequest`: it aborts the body when the consumer stops. */
  readonly open: (signal: AbortSignal) => Effect.Effect<Response, ProviderError>;
  readonly mapper: () => SseMapper;
}

type Step = ReadonlyArray<StreamEvent> | ProviderError;

const isSseDone = (v: SseDone | ProviderError): v is SseDone => v._tag === "SseDone";
// Array.isArray does not narrow ReadonlyArray out of a union.
const isEvents = (v: ReadonlyArray<StreamEvent> | SseDone | ProviderError): v is ReadonlyArray<StreamEvent> => Array.isArray(v);

/**
 * Maps the body's messages to steps, one step per read of the body: the events of every
 * message that read completed (so the stream above pulls once per read, not per message),
 * then the terminal events or the error that ends it. `onFinished` runs once the reading
 * has let go of the body after its terminal message or its end; a consumer that stops
 * earlier never reaches it.
 */
async function* mapMessages(body: AsyncIterable<Uint8Array>, mapper: SseMapper, onFinished: () => void): AsyncIterable<Step> {
  let terminal = false;
  read: for await (const messages of parseSseBatches(body)) {
    const events: StreamEvent[] = [];
    for (const message of messages) {
      const step = mapper.onMessage(message);
      if (isEvents(step)) {
        for (const ev of step) events.push(ev);
        continue;
      }
      // Nothing after the terminal message matters: its events go out first, then the loop lets go of the body.
      if (isSseDone(step)) {
        for (const ev of step.events) events.push(ev);
        yield events;
      } else {
        if (events.length > 0) yield events;
        yield step;
      }
      terminal = true;
      break read;
    }
    if (events.length > 0) yield events;
  }
  onFinished();
  if (!terminal) yield mapper.onEnd();
}

/**
 * The streaming half of every SSE-speaking adapter: opens the request, parses the body as
 * SSE, maps each message to `StreamEvent`s, and guarantees cleanup — when the consumer
 * stops early (take, interruption, a router fallback), the fetch is aborted so the upstream
 * sees the connection close. A body cut mid-way becomes `Unavailable`.
 * @example
 * const stream = sseEventStream({
 *   provider: "openai", model: "gpt-4o",
 *   open: (signal) => sendRequest({ url, headers, body, provider: "openai", model: "gpt-4o", signal }),
 *   mapper: () => createChunkMapper(),
 * });
 */
export const sseEventStream = (options: SseStreamOptions): Stream.Stream<StreamEvent, ProviderError> => {
  const ctx = { provider: options.provider, model: options.model };
  return Stream.unwrap(
    Effect.gen(function* () {
      // Set once the body was read to its terminal message or its end: the request is over
      // then, and aborting it would close a connection the pool could reuse.
      let finished = false;
      const controller = yield* Effect.acquireRelease(
        Effect.sync(() => new AbortController()),
        (c) => Effect.sync(() => (finished ? undefined : c.abort(requestFinished))),
      );
      const response = yield* options.open(controller.signal);
      const body = reusableBody(response);
      if (body === null) {
        return Stream.fail(new Unavailable({ message: `${options.provider}: streaming response has no body`, ...ctx, status: response.status }));
      }
      const steps = mapMessages(body.chunks, options.mapper(), () => {
        finished = true;
        body.drainRest();
      })[Symbol.asyncIterator]();
      // On an early stop the request is aborted (above) and the body ended; ending the iteration
      // lets the parser let go of it. Not awaited: a read still pending settles only once the abort lands.
      yield* Effect.addFinalizer(() =>
        Effect.sync(() => {
          if (!finished) body.cancel();
          void steps.return?.(undefined).catch(() => undefined);
        }),
      );
      const cutOff = (cause: unknown): Unavailable =>
        new Unavailable({ message: `${options.provider}: stream cut off by upstream (${cause instanceof Error ? cause.message : String(cause)})`, ...ctx });
      // One pull per read of the body (a batch of events), written by hand: the generic
      // fromAsyncIterable + mapEffect + flatten pipeline cost a fiber step, an
      // AbortController and several closures per message.
      const pull = Effect.callback<Arr.NonEmptyReadonlyArray<StreamEvent>, ProviderError | Cause.Done>((resume) => {
        const read = (): void => {
          steps.next().then(
            (r) => {
              if (r.done === true) return resume(Cause.done());
              const step = r.value;
              if (!isEvents(step)) return resume(Effect.fail(step));
              if (!Arr.isReadonlyArrayNonEmpty(step)) return read();
              resume(Effect.succeed(step));
            },
            (cause: unknown) => resume(Effect.fail(cutOff(cause))),
          );
        };
        read();
      });
      return Stream.fromPull(Effect.succeed(pull));
    }),
  );
};

/**
 * Parses one SSE `data` payload as JSON; invalid JSON is `Unavailable` (a broken upstream
 * or proxy), never a thrown exception.
 * @example
 * const chunk = parseSseJson(message.data, { provider: "openai", model: "gpt-4o" });
 * if (chunk instanceof Unavailable) return chunk;
 */
export const parseSseJson = (data: string, ctx: { readonly provider: string; readonly model: string }): unknown | Unavailable => {
  try {
    return JSON.parse(data);
  } catch {
    return new Unavailable({ message: `${ctx.provider}: stream chunk is not valid JSON: ${data.slice(0, 120)}`, ...ctx });
  }
};
