import { describe, expect, it } from "vitest";
import { criticalChain, criticalPath } from "./critical-path.js";

const span = (spanId: string, parentSpanId: string | undefined, startMs: number, endMs: number, name = spanId) => ({
  spanId, ...(parentSpanId ? { parentSpanId } : {}), name, startMs, endMs,
});
const onPath = (segments: ReturnType<typeof criticalPath>) => segments.map((s) => `${s.spanId}:${s.startMs}-${s.endMs}`);

describe("criticalPath", () => {
  it("follows the last-finishing child back through time and leaves an overlapping hedge loser off the path", () => {
    const spans = [
      span("root", undefined, 0, 100, "switchyard.route support"),
      span("pick", "root", 0, 5),
      span("call", "root", 5, 95),
      span("a1", "call", 10, 95), // the answer the run waited for
      span("a2", "call", 40, 60), // a hedge that failed early: overlapped by a1, not on the path
      span("done", "root", 95, 98),
    ];
    expect(onPath(criticalPath(spans))).toEqual([
      "pick:0-5", "call:5-10", "a1:10-95", "done:95-98", "root:98-100",
    ]);
    expect([...criticalChain(spans, criticalPath(spans))].sort()).toEqual(["a1", "call", "done", "pick", "root"]);
  });

  it("clips children that outlive their parent and gives uncovered time to the parent", () => {
    const spans = [
      span("root", undefined, 0, 50, "switchyard.route r"),
      span("slow", "root", 10, 80), // ran past the root: only 10..50 could have delayed it
      span("gap-before", "root", 0, 4),
    ];
    expect(onPath(criticalPath(spans))).toEqual(["gap-before:0-4", "root:4-10", "slow:10-50"]);
  });

  it("runs of sequential retries are all on the path, waits between them belong to the state", () => {
    const spans = [
      span("root", undefined, 0, 40, "switchyard.route r"),
      span("call", "root", 0, 40),
      span("t1", "call", 0, 10),
      span("t2", "call", 15, 25),
      span("t3", "call", 30, 40),
    ];
    expect(onPath(criticalPath(spans))).toEqual(["t1:0-10", "call:10-15", "t2:15-25", "call:25-30", "t3:30-40"]);
    // The root is wholly covered by "call", yet it is on the chain as the path's ancestor.
    expect(criticalChain(spans, criticalPath(spans)).has("root")).toBe(true);
  });

  it("tolerates a state that ends a fraction of a millisecond after the next one starts (rounded start times)", () => {
    const spans = [
      span("root", undefined, 0, 507.2, "switchyard.route support"),
      span("call1", "root", 15, 419.8),
      span("fallback", "root", 420, 420.08),
      span("call2", "root", 420, 500.35),
      span("answer", "call2", 420, 499.9),
      span("done", "root", 500, 507),
    ];
    const chain = criticalChain(spans, criticalPath(spans));
    expect(chain.has("call2") && chain.has("answer") && chain.has("call1")).toBe(true);
    expect(onPath(criticalPath(spans)).filter((s) => s.startsWith("call2") || s.startsWith("answer"))).toEqual(["answer:420-499.9", "call2:499.9-500"]);
  });

  it("without a route span, starts from the parentless span that ended last; empty input gives no path", () => {
    expect(onPath(criticalPath([span("x", undefined, 0, 5), span("y", undefined, 1, 9), span("y1", "y", 2, 3)]))).toEqual([
      "y:1-2", "y1:2-3", "y:3-9",
    ]);
    expect(criticalPath([])).toEqual([]);
  });
});
