import { FOLD_ABOVE_NODES } from '../../core/limits';
import type { GraphModel } from '../compute/protocol';

/** Above this many nodes every group starts folded: a big graph opens as its outline. */
export const FOLD_ALL_ABOVE_NODES = 300;

/**
 * Groups folded when a graph is opened: layer blocks and checkpoint segments of a large graph.
 * LoRA branches and attention stay open (they are the point of their exercises) unless the
 * graph is big enough that drawing every node would make it slow and unreadable.
 */
export function defaultFolds(graph: Pick<GraphModel, 'nodes' | 'groups'>): Record<string, boolean> {
  if (graph.nodes.length <= FOLD_ABOVE_NODES) return {};
  const all = graph.nodes.length > FOLD_ALL_ABOVE_NODES;
  const out: Record<string, boolean> = {};
  for (const g of graph.groups) if (all || g.kind === 'block' || g.kind === 'segment') out[g.id] = true;
  return out;
}
