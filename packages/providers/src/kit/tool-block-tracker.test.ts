import { describe, expect, it } from "vitest";
import { createToolBlockTracker } from "./tool-block-tracker.js";

describe("createToolBlockTracker", () => {
  it("numbers tool calls by their order among tool calls, not by block index", () => {
    const tools = createToolBlockTracker(false, "json");
    expect(tools.start(3, "t1", "get_weather")).toEqual([{ type: "tool-call-delta", index: 0, id: "t1", name: "get_weather", argumentsDelta: "" }]);
    expect(tools.start(5, "t2", "json")).toEqual([{ type: "tool-call-delta", index: 1, id: "t2", name: "json", argumentsDelta: "" }]);
    expect(tools.input(5, '{"a":1}')).toEqual([{ type: "tool-call-delta", index: 1, argumentsDelta: '{"a":1}' }]);
    expect(tools.input(4, "{}")).toBeUndefined();
    expect(tools.jsonAnswered()).toBe(false);
  });

  it("streams the forced JSON tool's input as text in jsonMode", () => {
    const tools = createToolBlockTracker(true, "json");
    expect(tools.start(0, "t1", "json")).toEqual([]);
    expect(tools.input(0, "")).toEqual([]);
    expect(tools.input(0, '{"ok":')).toEqual([{ type: "text-delta", delta: '{"ok":' }]);
    expect(tools.jsonAnswered()).toBe(true);
    tools.start(1, "t2", "lookup");
    expect(tools.jsonAnswered()).toBe(false);
  });
});
