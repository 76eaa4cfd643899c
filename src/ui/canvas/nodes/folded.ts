import { edgeId } from '../../../engine/trace';
import type { GraphModel } from '../../compute/protocol';

/** A folded block's boundary: edges into it (from outside) and out of it, and its output members. */
export interface Boundary {
  /** Edges whose target is inside and source outside: backward, the gradient leaves the block here. */
  inbound: string[];
  /** Edges whose source is inside and target outside: backward, the gradient enters the block here. */
  outbound: string[];
  /** Members with a consumer outside the block (what the block hands on). */
  outputs: string[];
}

const cache = new WeakMap<GraphModel, Map<string, Boundary>>();

export function boundaryOf(graph: GraphModel, group: string, members: readonly string[]): Boundary {
  let byGroup = cache.get(graph);
  if (!byGroup) {
    byGroup = new Map();
    cache.set(graph, byGroup);
  }
  const known = byGroup.get(group);
  if (known) return known;
  const inside = new Set(members);
  const b: Boundary = { inbound: [], outbound: [], outputs: [] };
  const outputs = new Set<string>();
  for (const n of graph.nodes) {
    n.inputs.forEach((src, slot) => {
      const from = inside.has(src);
      const to = inside.has(n.id);
      if (to && !from) b.inbound.push(edgeId(src, n.id, slot));
      if (from && !to) {
        b.outbound.push(edgeId(src, n.id, slot));
        outputs.add(src);
      }
    });
  }
  b.outputs = members.filter((m) => outputs.has(m));
  byGroup.set(group, b);
  return b;
}

/** The largest gradient norm over `edges` at the cursor; null before any arrived. */
export function maxNorm(norms: readonly (number | null)[]): number | null {
  let m: number | null = null;
  for (const n of norms) if (n !== null && (m === null || n > m)) m = n;
  return m;
}
