import type { ChatResponse, FinishReason, RouterStreamEvent, Usage } from "@switchyard/core";

/**
 * Rebuilds a whole answer from stream events, so a streamed answer can fill the cache.
 * @example
 * const collect = createAnswerCollector();
 * for await (const ev of stream) collect.add(ev);
 * const answer = collect.answer(); // undefined when the stream did not finish
 */
export const createAnswerCollector = () => {
  let id = "";
  let model = "";
  let text = "";
  let reasoning = "";
  const calls: Array<{ id: string; name: string; arguments: string }> = [];
  let usage: Usage | undefined;
  let finish: FinishReason | undefined;
  return {
    add(ev: RouterStreamEvent): void {
      switch (ev.type) {
        case "response-metadata":
          id = ev.id ?? id;
          model = ev.model ?? model;
          break;
        case "text-delta":
          text += ev.delta;
          break;
        case "reasoning-delta":
          reasoning += ev.delta;
          break;
        case "tool-call-delta": {
          const call = (calls[ev.index] ??= { id: "", name: "", arguments: "" });
          if (ev.id !== undefined) call.id = ev.id;
          if (ev.name !== undefined) call.name = ev.name;
          call.arguments += ev.argumentsDelta;
          break;
        }
        case "usage":
          usage = ev.usage;
          break;
        case "finish":
          finish = ev.finishReason;
          break;
        case "run":
          break;
      }
    },
    answer(): ChatResponse | undefined {
      if (finish === undefined || usage === undefined) return undefined;
      const toolCalls = calls.filter((c) => c !== undefined);
      return {
        id,
        model,
        message: {
          role: "assistant",
          content: text === "" && toolCalls.length > 0 ? null : text,
          ...(toolCalls.length > 0 ? { toolCalls } : {}),
          ...(reasoning !== "" ? { reasoning } : {}),
        },
        finishReason: finish,
        usage,
      };
    },
  };
};
