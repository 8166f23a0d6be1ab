import { Unavailable, type ProviderError, type StreamEvent } from "@switchyard/core";
import type { z } from "zod";
import { createToolBlockTracker } from "../kit/tool-block-tracker.js";
import type { EventStreamMessage } from "./aws-event-stream-codec.js";
import { BedrockStreamPayloads, type BedrockUsage } from "./bedrock-wire.js";
import { BEDROCK_JSON_TOOL } from "./convert-to-bedrock-request.js";
import { bedrockErrorFromType } from "./map-bedrock-error.js";
import { mapBedrockStopReason, mapBedrockUsage } from "./map-bedrock-response.js";

/** Turns decoded event-stream messages into stream events; stateful, one per stream run. */
export interface EventStreamMapper {
  onMessage(message: EventStreamMessage): ReadonlyArray<StreamEvent> | ProviderError;
  onEnd(): ReadonlyArray<StreamEvent> | ProviderError;
}

const utf8 = new TextDecoder();

/**
 * Maps ConverseStream events (messageStart, contentBlockStart/Delta/Stop, messageStop,
 * metadata) and in-stream exceptions. messageStop precedes metadata (usage), so the finish
 * is held back until metadata arrives or the body ends; a body that ends before
 * messageStop was cut off and is `Unavailable`.
 * @example
 * const mapper = createBedrockStreamMapper("amazon.nova-lite-v1:0", false);
 */
export const createBedrockStreamMapper = (model: string, jsonMode: boolean): EventStreamMapper => {
  const ctx = { provider: "bedrock", model };
  const tools = createToolBlockTracker(jsonMode, BEDROCK_JSON_TOOL);
  let stopReason: string | undefined;
  let usage: BedrockUsage | undefined;
  let finished = false;

  const finish = (): StreamEvent[] => {
    finished = true;
    return [
      ...(usage ? [{ type: "usage", usage: mapBedrockUsage(usage) } as const] : []),
      { type: "finish", finishReason: mapBedrockStopReason(stopReason, tools.jsonAnswered()) },
    ];
  };

  const parse = <S extends z.ZodType>(kind: string, schema: S, payload: unknown): z.output<S> | Unavailable => {
    const parsed = schema.safeParse(payload);
    return parsed.success ? parsed.data : new Unavailable({ message: `bedrock: malformed ${kind} event`, ...ctx });
  };

  const onEvent = (eventType: string, payload: unknown): ReadonlyArray<StreamEvent> | ProviderError => {
    switch (eventType) {
      case "messageStart":
        return [{ type: "response-metadata", model }];
      case "contentBlockStart": {
        const event = parse("contentBlockStart", BedrockStreamPayloads.contentBlockStart, payload);
        if (event instanceof Unavailable) return event;
        const tool = event.start?.toolUse;
        return tool ? tools.start(event.contentBlockIndex, tool.toolUseId, tool.name) : [];
      }
      case "contentBlockDelta": {
        const event = parse("contentBlockDelta", BedrockStreamPayloads.contentBlockDelta, payload);
        if (event instanceof Unavailable) return event;
        const { delta } = event;
        if (typeof delta.text === "string") return delta.text === "" ? [] : [{ type: "text-delta", delta: delta.text }];
        if (typeof delta.reasoningContent?.text === "string") return [{ type: "reasoning-delta", delta: delta.reasoningContent.text }];
        if (delta.toolUse) {
          return tools.input(event.contentBlockIndex, delta.toolUse.input) ?? new Unavailable({ message: `bedrock: tool input for unknown content block ${event.contentBlockIndex}`, ...ctx });
        }
        return [];
      }
      case "messageStop": {
        const event = parse("messageStop", BedrockStreamPayloads.messageStop, payload);
        if (event instanceof Unavailable) return event;
        stopReason = event.stopReason;
        return [];
      }
      case "metadata": {
        const event = parse("metadata", BedrockStreamPayloads.metadata, payload);
        if (event instanceof Unavailable) return event;
        usage = event.usage ?? undefined;
        return stopReason !== undefined ? finish() : [];
      }
      default:
        // contentBlockStop and event types added later carry nothing we surface.
        return [];
    }
  };

  return {
    onMessage: (message) => {
      if (finished) return [];
      let payload: unknown;
      try {
        payload = message.payload.length ? JSON.parse(utf8.decode(message.payload)) : {};
      } catch {
        return new Unavailable({ message: "bedrock: stream event payload is not valid JSON", ...ctx });
      }
      const messageType = message.headers[":message-type"];
      if (messageType === "exception" || messageType === "error") {
        const type = String(message.headers[":exception-type"] ?? message.headers[":error-code"] ?? "");
        const text =
          typeof payload === "object" && payload !== null && "message" in payload && typeof payload.message === "string"
            ? payload.message
            : String(message.headers[":error-message"] ?? type);
        return bedrockErrorFromType(type, text, { model }) ?? new Unavailable({ message: `bedrock: stream ${type || "error"}: ${text}`, ...ctx });
      }
      return onEvent(String(message.headers[":event-type"] ?? ""), payload);
    },
    onEnd: () => {
      if (finished) return [];
      return stopReason !== undefined ? finish() : new Unavailable({ message: "bedrock: stream ended before messageStop", ...ctx });
    },
  };
};
