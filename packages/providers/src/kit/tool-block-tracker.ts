import type { StreamEvent } from "@switchyard/core";

/**
 * Follows the tool-use content blocks of a stream whose blocks are indexed (Anthropic
 * Messages, Bedrock Converse). Tool calls are numbered by their order among tool calls,
 * not by the upstream's block index; with `jsonMode`, the forced JSON tool's input
 * streams as the answer's text instead of as a tool call.
 * @example
 * const tools = createToolBlockTracker(true, "json");
 * tools.start(0, "toolu_1", "json"); // []
 * tools.input(0, '{"a":'); // [{ type: "text-delta", delta: '{"a":' }]
 */
export const createToolBlockTracker = (jsonMode: boolean, jsonToolName: string) => {
  // content-block index → what that block streams into
  const blocks = new Map<number, { kind: "tool"; toolIndex: number } | { kind: "json" }>();
  let toolCount = 0;
  let jsonStarted = false;
  return {
    /** A tool-use block opened. */
    start(blockIndex: number, id: string, name: string): StreamEvent[] {
      if (jsonMode && name === jsonToolName) {
        blocks.set(blockIndex, { kind: "json" });
        jsonStarted = true;
        return [];
      }
      const toolIndex = toolCount++;
      blocks.set(blockIndex, { kind: "tool", toolIndex });
      return [{ type: "tool-call-delta", index: toolIndex, id, name, argumentsDelta: "" }];
    },
    /** A piece of a block's input JSON; `undefined` when no tool-use block has that index. */
    input(blockIndex: number, partialJson: string): StreamEvent[] | undefined {
      const target = blocks.get(blockIndex);
      if (target?.kind === "json") return partialJson === "" ? [] : [{ type: "text-delta", delta: partialJson }];
      if (target?.kind === "tool") return [{ type: "tool-call-delta", index: target.toolIndex, argumentsDelta: partialJson }];
      return undefined;
    },
    /** The forced JSON tool answered and no other tool was called: the upstream's `tool_use` stop is a normal stop. */
    jsonAnswered(): boolean {
      return jsonStarted && toolCount === 0;
    },
  };
};
