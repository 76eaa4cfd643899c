import type { FlowNode, GradientFlowEdge, Structure } from './flow';

/**
 * Layouts computed ahead of time for the exercises as they open (default options and folds):
 * the same elkjs pass as at run time, run by `npm run bake:layouts` and kept in
 * bakedLayouts.json. A baked layout is used only for the exact structure it was made from (a
 * hash of the whole layout input), so an edited, re-optioned or re-shaped graph is laid out as
 * usual. tests/canvas/baked.test.ts fails when a baked layout differs from what the layout
 * computes now. Only layouts that no canvas shape can change are baked.
 */

/** What the layout changed on one node or edge: its own fields, and fields of its `data`. */
export interface Delta {
  id: string;
  set?: Record<string, unknown>;
  data?: Record<string, unknown>;
}

export interface BakedLayout {
  /** The exercise it was made for (what the app's first graph checks before it loads elkjs). */
  exercise: string;
  /** inputHash of the structure laid out. */
  hash: string;
  nodeCount: number;
  edgeCount: number;
  /** Nodes in the layout's order, with what the layout changed. */
  nodes: Delta[];
  edges: Delta[];
  rows?: Structure['rows'];
  columns?: Structure['columns'];
}

/** A 53-bit string hash (two 32-bit FNV-style lanes), hex: tells one layout input from another. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}

/** The hash of everything the layout reads: the whole structure before layout. */
export const inputHash = (s: Structure): string =>
  hashText(JSON.stringify({ nodes: s.nodes, edges: s.edges, rows: s.rows, columns: s.columns }));

function applyDelta<T extends FlowNode | GradientFlowEdge>(item: T, d: Delta): T {
  const out = { ...item, ...d.set } as T;
  if (d.data) (out as { data: unknown }).data = { ...item.data, ...d.data };
  return out;
}

/** `s` laid out as `b` says; null when `b` was made from another structure. */
export function applyBaked(s: Structure, b: BakedLayout): Structure | null {
  if (s.nodes.length !== b.nodeCount || s.edges.length !== b.edgeCount || inputHash(s) !== b.hash) return null;
  const nodes = new Map(s.nodes.map((n) => [n.id, n]));
  const edges = new Map(s.edges.map((e) => [e.id, e]));
  const laidNodes: FlowNode[] = [];
  for (const d of b.nodes) {
    const n = nodes.get(d.id);
    if (!n) return null;
    laidNodes.push(applyDelta(n, d));
  }
  const laidEdges: GradientFlowEdge[] = [];
  for (const d of b.edges) {
    const e = edges.get(d.id);
    if (!e) return null;
    laidEdges.push(applyDelta(e, d));
  }
  return { nodes: laidNodes, edges: laidEdges, ...(b.rows ? { rows: b.rows } : {}), ...(b.columns ? { columns: b.columns } : {}) };
}

const differs = (a: unknown, b: unknown): boolean => JSON.stringify(a) !== JSON.stringify(b);

/** What the layout changed on each item, in the laid-out order. */
function deltas<T extends FlowNode | GradientFlowEdge>(before: readonly T[], after: readonly T[]): Delta[] {
  const byId = new Map(before.map((x) => [x.id, x]));
  return after.map((x) => {
    const b = byId.get(x.id) as Record<string, unknown> | undefined;
    const a = x as unknown as Record<string, unknown>;
    const d: Delta = { id: x.id };
    for (const k of Object.keys(a)) {
      if (k === 'data' || !differs(a[k], b?.[k])) continue;
      d.set = { ...d.set, [k]: a[k] };
    }
    const ad = (a.data ?? {}) as Record<string, unknown>;
    const bd = (b?.data ?? {}) as Record<string, unknown>;
    for (const k of Object.keys(ad)) if (differs(ad[k], bd[k])) d.data = { ...d.data, [k]: ad[k] };
    return d;
  });
}

/** The baked form of `laid`, the layout of `input` (the bake script and its test). */
export function bake(exercise: string, input: Structure, laid: Structure): BakedLayout {
  return {
    exercise,
    hash: inputHash(input),
    nodeCount: input.nodes.length,
    edgeCount: input.edges.length,
    nodes: deltas(input.nodes, laid.nodes),
    edges: deltas(input.edges, laid.edges),
    ...(laid.rows ? { rows: laid.rows } : {}),
    ...(laid.columns ? { columns: laid.columns } : {}),
  };
}
