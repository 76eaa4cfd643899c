/** A node as the panels need it: its id and the layer it is tagged with (`NodeModel.layer`). */
export interface LayeredNode {
  id: string;
  layer?: number;
}

/** Node ids by layer index, each list sorted; nodes without a layer tag are in none. */
export function nodesByLayer(nodes: readonly LayeredNode[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const n of nodes) {
    if (n.layer === undefined) continue;
    const ids = out.get(n.layer) ?? [];
    ids.push(n.id);
    out.set(n.layer, ids);
  }
  for (const ids of out.values()) ids.sort();
  return out;
}
