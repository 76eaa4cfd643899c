import { useMemo } from 'react';
import type { NodeModel } from '../compute/protocol';
import type { FlowNode } from './flow';
import { describeNode } from './nodeKind';
import type { Laid } from './useLaidOut';

/**
 * The laid-out nodes with the run's current models. Same structure, new run (an edited value):
 * positions kept, each node's model refreshed, and what the node is follows its model (an option
 * can change an attribute, e.g. the estimator). The explorer's canvas and compare's ratio view.
 */
export function useFlowNodes(laid: Laid | null, graph: { nodes: readonly NodeModel[] } | null, objectiveNode: string): FlowNode[] {
  return useMemo(() => {
    if (!laid || !graph) return [];
    const models = new Map(graph.nodes.map((n) => [n.id, n]));
    return laid.nodes.map((n) => {
      if (!('model' in n.data)) return n;
      const m = models.get(n.id);
      return m && m !== n.data.model ? ({ ...n, data: { ...n.data, model: m, identity: describeNode(m, objectiveNode) } } as FlowNode) : n;
    });
  }, [laid, graph, objectiveNode]);
}
