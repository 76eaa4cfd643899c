import type { Trace } from '../../engine/trace';

/** Node id → layer index, or undefined for nodes outside any layer. */
export type LayerOf = (nodeId: string) => number | undefined;

/**
 * The default mapping, read from node ids as the notebook names them: `a3`, `z3` (Ex4, Ex5:
 * activation and pre-activation of layer 3) and `h3` (Ex9: hidden state at depth 3) are layer 3.
 * Weights (`W3`, `J3`) are not activations and do not match. Pass the program's `layer` tags
 * instead when they are at hand.
 */
export const layerFromId: LayerOf = (id) => {
  const m = /^[azh](\d+)$/.exec(id);
  return m ? Number(m[1]) : undefined;
};

/** Every node id the trace knows (leaves included), in a stable order. */
export const traceNodeIds = (trace: Trace): string[] => [...trace.shapes.keys()];

/** Ids of the nodes in layer `k`, sorted. */
export function nodesOfLayer(k: number, ids: Iterable<string>, layerOf: LayerOf = layerFromId): string[] {
  const out: string[] = [];
  for (const id of ids) if (layerOf(id) === k) out.push(id);
  return out.sort();
}
