import { FOLD_ABOVE_NODES } from '../../core/limits';
import type { GraphModel } from '../compute/protocol';

/**
 * Groups folded when a graph is opened: layer blocks and checkpoint segments of a large graph.
 * LoRA branches and attention stay open: they are the point of their exercises.
 */
export function defaultFolds(graph: Pick<GraphModel, 'nodes' | 'groups'>): Record<string, boolean> {
  if (graph.nodes.length <= FOLD_ABOVE_NODES) return {};
  const out: Record<string, boolean> = {};
  for (const g of graph.groups) if (g.kind === 'block' || g.kind === 'segment') out[g.id] = true;
  return out;
}
