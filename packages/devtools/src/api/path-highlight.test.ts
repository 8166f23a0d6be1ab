import { describe, expect, it } from "vitest";
import type { RouteGraph } from "@switchyard/core";
import type { AttemptView } from "./api-types.js";
import { pathHighlight } from "./path-highlight.js";

const graph: RouteGraph = {
  route: "r", hash: "h",
  nodes: ["pick", "call", "validate", "fallback", "done"].map((id) => ({ id, kind: "call", label: id })),
  edges: [
    { id: "pick-call", source: "pick", target: "call", label: "" },
    { id: "call-retry", source: "call", target: "call", label: "retry" },
    { id: "call-fallback", source: "call", target: "fallback", label: "error" },
    { id: "fallback-call", source: "fallback", target: "call", label: "next" },
    { id: "call-validate", source: "call", target: "validate", label: "answer" },
    { id: "validate-done", source: "validate", target: "done", label: "valid" },
  ],
  pools: { default: ["a", "b"] },
  options: { pick: "ordered", maxRetries: 2, validate: true, repair: 0, hedge: false },
};
const attempt = (index: number, model: string, kind: string, outcome: string): AttemptView => ({ spanId: `s${index}`, index, kind, model, outcome, startMs: 0, durationMs: 1 });

describe("pathHighlight", () => {
  it("counts visits, taken edges, retries per model and fallbacks", () => {
    const h = pathHighlight(graph, ["pick", "call", "call", "call", "fallback", "call", "validate", "done"], [
      attempt(1, "a", "call", "error"), attempt(2, "a", "retry", "error"), attempt(3, "a", "retry", "error"), attempt(4, "b", "fallback", "success"),
    ]);
    expect(h.visits).toEqual({ pick: 1, call: 4, fallback: 1, validate: 1, done: 1 });
    expect(h.edges).toEqual({ "pick-call": 1, "call-retry": 2, "call-fallback": 1, "fallback-call": 1, "call-validate": 1, "validate-done": 1 });
    expect(h.models).toEqual([
      { model: "a", attempts: 3, allowed: 3, outcome: "error", kinds: ["call", "retry", "retry"] },
      { model: "b", attempts: 1, allowed: 3, outcome: "success", kinds: ["fallback"] },
    ]);
    expect(h.fallbacks).toBe(1);
    expect(h.lastNode).toBe("done");
  });

  it("counts failed validations", () => {
    expect(pathHighlight(graph, ["call", "validate"], [attempt(1, "a", "call", "invalid")]).failedValidations).toBe(1);
  });
});
