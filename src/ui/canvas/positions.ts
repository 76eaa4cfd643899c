import type { FlowNode } from './flow';

const boxOfNode = (n: FlowNode) => ('box' in n.data ? n.data.box : undefined);

/** Absolute position of every node (children are stored relative to their frame). */
export function absolutePositions(nodes: readonly FlowNode[]): Map<string, { x: number; y: number; w: number; h: number }> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, { x: number; y: number; w: number; h: number }>();
  const abs = (n: FlowNode): { x: number; y: number } => {
    const known = out.get(n.id);
    if (known) return known;
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    const p = parent ? abs(parent) : { x: 0, y: 0 };
    return { x: p.x + n.position.x, y: p.y + n.position.y };
  };
  for (const n of nodes) {
    const a = abs(n);
    out.set(n.id, { ...a, w: n.width ?? boxOfNode(n)?.w ?? 0, h: n.height ?? boxOfNode(n)?.h ?? 0 });
  }
  return out;
}
