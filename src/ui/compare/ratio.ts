import { edgeId } from '../../engine/trace';
import type { Timeline, TimelineGraph } from '../trace/timeline';

/**
 * The ratio view's data: for each edge, log₁₀(‖∇‖_B / ‖∇‖_A) of the gradient it carries back at
 * the two panes' cursors. The norms are the timelines' own `gradNorm` (what the edges' ‖∇‖
 * labels show), never recomputed here. Pure: no DOM, no React.
 */

/** One edge of a graph, from its typed node inputs. */
export interface EdgeEnds {
  id: string;
  source: string;
  target: string;
}

export type RatioCell =
  /** Both sides carry a gradient with a non-zero norm. */
  | { kind: 'ratio'; a: number; b: number; log10: number }
  /** Both carry one but a norm is 0 (or not finite): no finite logarithm. */
  | { kind: 'zero'; a: number; b: number }
  /** The gradient has not reached this edge yet on one side (or either). */
  | { kind: 'pending'; a: number | null; b: number | null }
  /** The edge exists in one graph only (another structure: ex09 residual adds a branch). */
  | { kind: 'only-a'; a: number | null }
  | { kind: 'only-b'; b: number | null };

export interface RatioRow {
  /** A's edge (for `only-b`, B's). */
  edge: EdgeEnds;
  /** B's edge it was matched with (its id may differ: another input slot). */
  other: EdgeEnds | null;
  cell: RatioCell;
}

export interface RatioTable {
  /** By A's edge id: every edge of A. */
  byA: Map<string, RatioRow>;
  /** Edges of B with no counterpart in A (the ratio canvas draws A's graph; these are listed). */
  onlyB: RatioRow[];
  /** Largest |log₁₀ ratio| among the finite ratios (0 when none). */
  maxDecades: number;
}

/** Every edge of a graph: one per node input (the canvas's edge ids). */
export function edgesOf(graph: TimelineGraph): EdgeEnds[] {
  return graph.nodes.flatMap((n) => n.inputs.map((source, slot) => ({ id: edgeId(source, n.id, slot), source, target: n.id })));
}

/**
 * A's edges paired with B's: the same edge id; failing that, the only edge with the same source
 * and target on both sides (a node whose inputs moved to another slot). Anything else is one-sided.
 */
export function matchEdges(
  a: readonly EdgeEnds[],
  b: readonly EdgeEnds[],
): { pairs: [EdgeEnds, EdgeEnds][]; onlyA: EdgeEnds[]; onlyB: EdgeEnds[] } {
  const bById = new Map(b.map((e) => [e.id, e]));
  const ends = (e: EdgeEnds) => JSON.stringify([e.source, e.target]);
  const byEnds = (list: readonly EdgeEnds[]) => {
    const m = new Map<string, EdgeEnds[]>();
    for (const e of list) m.set(ends(e), [...(m.get(ends(e)) ?? []), e]);
    return m;
  };
  const aEnds = byEnds(a);
  const bEnds = byEnds(b);
  const aIds = new Set(a.map((e) => e.id));
  const used = new Set<string>();
  const pairs: [EdgeEnds, EdgeEnds][] = [];
  const onlyA: EdgeEnds[] = [];
  for (const e of a) {
    let m = bById.get(e.id);
    if (!m) {
      const sameA = aEnds.get(ends(e)) ?? [];
      const sameB = bEnds.get(ends(e)) ?? [];
      if (sameA.length === 1 && sameB.length === 1 && !aIds.has(sameB[0]?.id ?? '')) m = sameB[0];
    }
    if (m && !used.has(m.id)) {
      used.add(m.id);
      pairs.push([e, m]);
    } else onlyA.push(e);
  }
  return { pairs, onlyA, onlyB: b.filter((e) => !used.has(e.id)) };
}

/** The cell for two norms (null = no gradient on that edge yet). */
export function ratioCell(a: number | null, b: number | null): RatioCell {
  if (a === null || b === null) return { kind: 'pending', a, b };
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) return { kind: 'zero', a, b };
  return { kind: 'ratio', a, b, log10: Math.log10(b) - Math.log10(a) };
}

export interface Side {
  graph: TimelineGraph;
  timeline: Timeline;
  cursor: number;
  /** Predict mode hides the gradients of the step just done (A only). */
  hideCurrent?: boolean;
}

/** Every edge's ratio at the two cursors. */
export function edgeRatios(a: Side, b: Side): RatioTable {
  const normA = (id: string) => a.timeline.edgeAt(id, a.cursor, a.hideCurrent).gradNorm;
  const normB = (id: string) => b.timeline.edgeAt(id, b.cursor, b.hideCurrent).gradNorm;
  const { pairs, onlyA, onlyB } = matchEdges(edgesOf(a.graph), edgesOf(b.graph));
  const byA = new Map<string, RatioRow>();
  let maxDecades = 0;
  for (const [ea, eb] of pairs) {
    const cell = ratioCell(normA(ea.id), normB(eb.id));
    if (cell.kind === 'ratio') maxDecades = Math.max(maxDecades, Math.abs(cell.log10));
    byA.set(ea.id, { edge: ea, other: eb, cell });
  }
  for (const e of onlyA) byA.set(e.id, { edge: e, other: null, cell: { kind: 'only-a', a: normA(e.id) } });
  return {
    byA,
    onlyB: onlyB.map((e) => ({ edge: e, other: null, cell: { kind: 'only-b', b: normB(e.id) } })),
    maxDecades,
  };
}
