import type { Route } from './edgePath';
import type { FlowNode, GradientFlowEdge, Row, Structure } from './flow';
import { layoutStructure } from './layout';
import { absolutePositions } from './positions';
import { routeRows } from './routes';

/** The one group whose fold state differs between two fold maps, or null (none, or several). */
export function singleToggle(prev: Readonly<Record<string, boolean>>, next: Readonly<Record<string, boolean>>): string | null {
  let found: string | null = null;
  for (const g of new Set([...Object.keys(prev), ...Object.keys(next)])) {
    if (!!prev[g] === !!next[g]) continue;
    if (found !== null) return null;
    found = g;
  }
  return found;
}

const rowIndex = (rows: readonly Row[], y: number): number => {
  for (let i = rows.length - 1; i >= 0; i--) if (y >= (rows[i]?.top ?? 0) - 1) return i;
  return 0;
};

/**
 * Folds or unfolds one group of a laid-out structure without laying out the rest: only the
 * block itself is laid out (its members, or the single folded node), put where the old block
 * was; nodes after it in its row move right by the change in width and rows below move down
 * by any growth of its row, each rigidly. Everything else keeps its position.
 * `next` is the new structure (buildStructure with the new folds), not yet laid out.
 */
export async function relayoutBlock(prev: Structure, next: Structure, group: string): Promise<Structure> {
  const blockId = `group:${group}`;
  const before = absolutePositions(prev.nodes).get(blockId);
  const block = next.nodes.find((n) => n.id === blockId);
  if (!before || !block) return layoutStructure(next);
  const inBlock = new Set(next.nodes.filter((n) => n.parentId === blockId).map((n) => n.id));
  inBlock.add(blockId);

  // The block alone: a frame with its members, or one folded node.
  const sub = await layoutStructure({
    nodes: next.nodes.filter((n) => inBlock.has(n.id)),
    edges: next.edges.filter((e) => inBlock.has(e.source) && inBlock.has(e.target)),
  });
  const laidBlock = sub.nodes.find((n) => n.id === blockId) as FlowNode;
  const size = absolutePositions(sub.nodes).get(blockId) as { w: number; h: number };
  const rows: Row[] = (prev.rows ?? [{ top: before.y, bottom: before.y + before.h, right: before.x + before.w }]).map((r) => ({ ...r }));
  const r = rowIndex(rows, before.y);
  const row = rows[r] as Row;
  const dw = size.w - before.w;
  const y = Math.max(row.top, before.y + before.h / 2 - size.h / 2);
  const grow = Math.max(0, y + size.h - row.bottom);
  const rightOf = before.x + before.w - 1;

  const old = new Map(prev.nodes.map((n) => [n.id, n]));
  const nodes: FlowNode[] = [];
  for (const n of next.nodes) {
    if (n.id === blockId) {
      nodes.push({ ...laidBlock, position: { x: before.x, y } } as FlowNode);
      continue;
    }
    if (inBlock.has(n.id)) {
      nodes.push(sub.nodes.find((m) => m.id === n.id) as FlowNode);
      continue;
    }
    const o = old.get(n.id);
    if (!o) return layoutStructure(next); // not a pure fold change
    let { x, y: oy } = o.position;
    if (!o.parentId) {
      const ri = rowIndex(prev.rows ?? rows, oy);
      if (ri === r && x >= rightOf) x += dw;
      else if (ri > r) oy += grow;
    }
    // The same object when it did not move (React Flow then leaves it alone), else only moved.
    nodes.push(x === o.position.x && oy === o.position.y ? o : ({ ...o, position: { x, y: oy } } as FlowNode));
  }
  row.right += dw;
  row.bottom += grow;
  for (let i = r + 1; i < rows.length; i++) {
    const ri = rows[i] as Row;
    ri.top += grow;
    ri.bottom += grow;
  }
  // A layout wrapped into columns keeps them (their edges stay routed along the top margin).
  const columns = prev.columns?.map((c) => (c.left >= rightOf ? { ...c, left: c.left + dw, right: c.right + dw } : c));
  return keepUnchanged(prev.edges, routeRows({ nodes, edges: next.edges, rows, ...(columns ? { columns } : {}) }));
}

const sameRoute = (a: Route | undefined, b: Route | undefined): boolean =>
  a === b || (!!a && !!b && a.length === b.length && a.every((p, i) => p[0] === b[i]?.[0] && p[1] === b[i]?.[1]));

const sameMembers = (a: readonly { id: string }[] | undefined, b: readonly { id: string }[] | undefined): boolean =>
  a === b || (!!a && !!b && a.length === b.length && a.every((m, i) => m.id === b[i]?.id));

/** Edges that did not change keep their old objects: a fold re-renders only the edges it touched. */
function keepUnchanged(before: readonly GradientFlowEdge[], s: Structure): Structure {
  const old = new Map(before.map((e) => [e.id, e]));
  const edges = s.edges.map((e) => {
    const o = old.get(e.id);
    return o &&
      o.source === e.source &&
      o.target === e.target &&
      o.sourceHandle === e.sourceHandle &&
      o.targetHandle === e.targetHandle &&
      o.data?.slot === e.data?.slot &&
      sameMembers(o.data?.members, e.data?.members) &&
      sameRoute(o.data?.route, e.data?.route)
      ? o
      : e;
  });
  return { ...s, edges };
}
