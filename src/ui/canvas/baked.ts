import { fnv1a } from '../../core/hash';
import table from './bakedLayouts.json';
import type { FlowNode, GradientFlowEdge, Structure } from './flow';

/**
 * Layouts computed ahead of time for the exercises as they open (default options and folds):
 * the same layout as at run time, run by `npm run bake:layouts` (scripts/bake-layouts.ts) and
 * kept in bakedLayouts.json. A baked layout is used only for the exact structure it was made
 * from (a hash of the whole layout input), so an edited, re-optioned or re-shaped graph is laid
 * out as usual. tests/canvas/baked.test.ts fails when a baked layout differs from what the
 * layout computes now. Only layouts that no canvas shape can change are baked.
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

const LAYOUTS = (table as unknown as { layouts: BakedLayout[] }).layouts;

/** The identity of everything the layout reads (the whole structure before layout): FNV-1a and length of its JSON. */
export function inputHash(s: Structure): string {
  const text = JSON.stringify({ nodes: s.nodes, edges: s.edges, rows: s.rows, columns: s.columns });
  return `${fnv1a(text).toString(16)}:${text.length}`;
}

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

/** The baked layout of exactly this structure, or null: lay it out. */
export function bakedLayoutOf(s: Structure): Structure | null {
  for (const b of LAYOUTS) {
    const laid = applyBaked(s, b);
    if (laid) return laid;
  }
  return null;
}
