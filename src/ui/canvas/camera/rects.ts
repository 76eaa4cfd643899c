import type { GraphModel } from '../../compute/protocol';
import type { Timeline } from '../../trace/timeline';
import type { FlowNode } from '../flow';
import type { Rect } from './frame';

/** Where every laid-out node sits, in absolute flow coordinates (children are relative to their frame). */
export function rectsOf(nodes: readonly FlowNode[]): Map<string, Rect> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, Rect>();
  const place = (n: FlowNode): Rect => {
    const known = out.get(n.id);
    if (known) return known;
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    const p = parent ? place(parent) : { x: 0, y: 0 };
    const box = 'box' in n.data ? n.data.box : undefined;
    const r = { x: p.x + n.position.x, y: p.y + n.position.y, w: n.width ?? box?.w ?? 0, h: n.height ?? box?.h ?? 0 };
    out.set(n.id, r);
    return r;
  };
  for (const n of nodes) place(n);
  return out;
}

/** The flow node a graph node is drawn as: itself, or the folded group holding it. */
export function flowIdsOf(nodes: readonly FlowNode[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of nodes) {
    if (n.data.kind === 'folded') for (const m of n.data.members) out.set(m, n.id);
    else if (n.data.kind !== 'frame') out.set(n.id, n.id);
  }
  return out;
}

/** The graph node the camera looks at: the step just done, or before any step the first one. */
export function focusNodeAt(t: Timeline | null, cursor: number): string | null {
  if (!t || t.length === 0) return null;
  return (t.stepAt(cursor) ?? t.steps[0])?.node ?? null;
}

/** A node's inputs and consumers (graph node ids). */
export function neighboursOf(graph: Pick<GraphModel, 'nodes'>, id: string): string[] {
  const out = new Set<string>();
  for (const n of graph.nodes) {
    if (n.id === id) for (const i of n.inputs) out.add(i);
    else if (n.inputs.includes(id)) out.add(n.id);
  }
  out.delete(id);
  return [...out];
}
