import { Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from "@xyflow/react";
import { useEffect, useState } from "react";
import type { RouteGraph } from "@switchyard/core";
import type { PathHighlight } from "../../../src/api/path-highlight.js";

// ELK and xyflow must agree on node size, or edges attach to the wrong place and nodes overlap.
const NODE_W = 200;
const NODE_H = 84;

interface RouteNodeData extends Record<string, unknown> {
  readonly label: string;
  readonly kind: string;
  readonly visits: number;
  readonly last: boolean;
  readonly lines: ReadonlyArray<{ readonly text: string; readonly tone: "ok" | "bad" | "warn" | "plain" }>;
}

const RouteNode = ({ id, data }: NodeProps<Node<RouteNodeData>>) => (
  <div
    className={`graph-node kind-${data.kind} ${data.visits > 0 ? "visited" : ""} ${data.last ? "last" : ""}`}
    style={{ width: NODE_W, height: NODE_H }}
    data-testid={`graph-node-${id}`}
    data-visited={data.visits > 0 ? "true" : "false"}
  >
    <Handle type="target" position={Position.Left} />
    <div className="graph-node-title">
      {data.label}
      {data.visits > 1 && <span className="visits"> ×{data.visits}</span>}
    </div>
    {data.lines.map((l, i) => (
      <div key={i} className={`graph-node-line tone-${l.tone}`}>{l.text}</div>
    ))}
    <Handle type="source" position={Position.Right} />
  </div>
);
const nodeTypes = { route: RouteNode };

const linesFor = (node: RouteGraph["nodes"][number], h: PathHighlight): RouteNodeData["lines"] => {
  if (node.kind === "call") {
    return h.models.slice(0, 3).map((m) => ({
      text: `${m.outcome === "success" ? "✓" : m.outcome === "invalid" ? "✗ invalid" : "✗"} ${m.model} (${m.attempts}/${m.allowed})`,
      tone: m.outcome === "success" ? "ok" : "bad",
    }));
  }
  if (node.kind === "fallback" && h.fallbacks > 0) return [{ text: `fell back ×${h.fallbacks}`, tone: "warn" }];
  if (node.kind === "validate" && h.failedValidations > 0) return [{ text: `failed validation ×${h.failedValidations}`, tone: "bad" }];
  return [];
};

interface Props {
  readonly graph: RouteGraph;
  readonly highlight: PathHighlight;
}

/**
 * The compiled route drawn as a left-to-right layered graph (ELK), with the run's path lit:
 * visited nodes and taken edges in colour, visit counts, and each model's attempts.
 */
export const RouteGraphView = ({ graph, highlight }: Props) => {
  const [layout, setLayout] = useState<Record<string, { x: number; y: number }> | undefined>();
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const { default: ELK } = await import("elkjs/lib/elk.bundled.js");
      const elk = new ELK();
      const laid = await elk.layout({
        id: "root",
        layoutOptions: {
          "elk.algorithm": "layered",
          "elk.direction": "RIGHT",
          "elk.spacing.nodeNode": "40",
          "elk.layered.spacing.nodeNodeBetweenLayers": "70",
          // Keep the machine's state order (initial state first) when breaking cycles such as
          // call → fallback → call, so the drawing reads left to right like the run does.
          "elk.layered.cycleBreaking.strategy": "MODEL_ORDER",
          "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
        },
        children: graph.nodes.map((n) => ({ id: n.id, width: NODE_W, height: NODE_H })),
        edges: graph.edges.filter((e) => e.source !== e.target).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
      });
      if (!cancelled) setLayout(Object.fromEntries((laid.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }])));
    })();
    return () => {
      cancelled = true;
    };
  }, [graph]);

  if (!layout) return <div className="graph-loading">laying out…</div>;
  const nodes: Node<RouteNodeData>[] = graph.nodes.map((n) => ({
    id: n.id,
    type: "route",
    position: layout[n.id] ?? { x: 0, y: 0 },
    width: NODE_W,
    height: NODE_H,
    data: { label: n.label, kind: n.kind, visits: highlight.visits[n.id] ?? 0, last: highlight.lastNode === n.id, lines: linesFor(n, highlight) },
  }));
  const edges: Edge[] = graph.edges.map((e) => {
    const taken = highlight.edges[e.id] ?? 0;
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      label: taken > 1 ? `${e.label} ×${taken}` : e.label,
      animated: taken > 0,
      className: taken > 0 ? "taken" : "",
      style: taken > 0 ? { stroke: "#2563eb", strokeWidth: 3 } : { stroke: "#cbd5e1" },
      data: { taken },
    };
  });
  return (
    <div className="graph" data-testid="route-graph">
      <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} fitView nodesDraggable={false} nodesConnectable={false} proOptions={{ hideAttribution: true }} />
    </div>
  );
};
