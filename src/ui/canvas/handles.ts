import type { NodeHandle, Position } from '@xyflow/react';
import { type Box, inputHandleY, outputHandleY } from './box';
import type { FlowNode, Handles } from './flow';

// React Flow's Position values, spelt here: a value import would put React Flow (and d3) in the app
// shell, which reaches this file through the layout it preloads (tests/startup/shell.test.ts).
const RIGHT = 'right';
const LEFT = 'left';

/**
 * Where React Flow puts an edge's end, as styles.css places the handles: a 6 px handle centred on
 * the node's inner (padding-box) edge, inside its border; an edge ends at the handle's outer side,
 * at its centre's height. Borders of the default theme as Chromium lays them out on a 1× screen
 * (widths snapped down to whole pixels): 2 px for the objective, 1 px for the rest (1 px
 * --gf-node-border-w; the 1.5 px of stochastic nodes and folded blocks also lays out as 1 px).
 */
export const HANDLE_HALF = 3;
export const borderOf = (n: FlowNode): number => (n.data.kind === 'objective' ? 2 : 1);

/** y of a node's output or input handle, read as the canvas's nodes place them (the layout's handles). */
export function handleY(n: FlowNode, side: 'out' | 'in', slot: number): number {
  const d = n.data as { handles?: Handles; box?: Box; model?: { inputs: readonly string[] } };
  if (!d.box) return 0;
  if (side === 'out') return d.handles?.out ?? outputHandleY(d.box);
  // A folded block has one input handle, placed like its output.
  if (!d.model) return d.handles?.in[0] ?? outputHandleY(d.box);
  return d.handles?.in[slot] ?? inputHandleY(d.box, slot, d.model.inputs.length);
}

/**
 * A node's handles as React Flow would measure them from the DOM (relative to the node). Given
 * up front, React Flow need not render a node to know where its edges end: with
 * onlyRenderVisibleElements, nodes out of view are never mounted (without them every node is
 * rendered once, to be measured: 626 nodes for a view of 15 on a 2,000-node wide graph).
 */
export function flowHandles(n: FlowNode): NodeHandle[] | undefined {
  const d = n.data as { box?: Box; model?: { inputs: readonly string[] } };
  const box = d.box;
  if (!box) return undefined;
  const b = borderOf(n);
  const size = 2 * HANDLE_HALF;
  const at = (id: string, type: 'source' | 'target', y: number): NodeHandle => ({
    id,
    type,
    position: (type === 'source' ? RIGHT : LEFT) as Position,
    x: type === 'source' ? box.w - b - HANDLE_HALF : b - HANDLE_HALF,
    y: b + y - HANDLE_HALF,
    width: size,
    height: size,
  });
  const inputs = d.model
    ? d.model.inputs.map((_, i) => at(`in${i}`, 'target', handleY(n, 'in', i)))
    : [at('in', 'target', handleY(n, 'in', 0))];
  return [...inputs, at('out', 'source', handleY(n, 'out', 0))];
}

/** The laid-out nodes with their handles (and a folded block's size) for React Flow. */
export function withFlowHandles(nodes: readonly FlowNode[]): FlowNode[] {
  return nodes.map((n) => {
    const handles = flowHandles(n);
    if (!handles) return n;
    const box = (n.data as { box: Box }).box;
    return { ...n, width: n.width ?? box.w, height: n.height ?? box.h, handles } as FlowNode;
  });
}
