/**
 * A fast left-to-right layered placement for big flat graphs (no frames: a big graph opens with
 * its groups folded). elkjs takes seconds on a few hundred boxes with ports; this is linear in
 * the graph (a few sweeps), and keeps what the canvas relies on: layers left to right in the
 * graph's order, no overlaps within a layer, and an edge level where it can be (each box is
 * placed so its inputs line up with its producers' outputs, packed by isotonic regression).
 */

/** A box to place, with where its edges attach (px from its top). */
export interface LayeredNode {
  id: string;
  w: number;
  h: number;
}

export interface LayeredEdge {
  source: string;
  target: string;
  /** y of the source's output handle and of the target's input handle, from each box's top. */
  sourceY: number;
  targetY: number;
}

export interface LayeredOptions {
  /** Horizontal gap between layers; vertical gap between boxes of one layer. */
  layerGap: number;
  nodeGap: number;
}

/** Top-left corner of every box. */
export function layered(
  nodes: readonly LayeredNode[],
  edges: readonly LayeredEdge[],
  o: LayeredOptions,
): Map<string, { x: number; y: number }> {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const n = nodes.length;
  const ins: LayeredEdge[][] = Array.from({ length: n }, () => []);
  const outs: LayeredEdge[][] = Array.from({ length: n }, () => []);
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    outs[s]?.push(e);
    ins[t]?.push(e);
  }
  const at = (id: string) => index.get(id) as number;

  // Layers: longest path from the sources (Kahn order), then each source moved up to just
  // before its first consumer (an input sits beside what uses it, not in column 0).
  const layer = new Array<number>(n).fill(0);
  const indeg = ins.map((l) => l.length);
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (indeg[i] === 0) order.push(i);
  for (let k = 0; k < order.length; k++) {
    const v = order[k] as number;
    for (const e of outs[v] ?? []) {
      const t = at(e.target);
      layer[t] = Math.max(layer[t] as number, (layer[v] as number) + 1);
      indeg[t] = (indeg[t] as number) - 1;
      if (indeg[t] === 0) order.push(t);
    }
  }
  if (order.length < n) {
    // Not a DAG (never from the engine): keep every box anyway.
    const seen = new Set(order);
    for (let i = 0; i < n; i++) if (!seen.has(i)) order.push(i);
  }
  for (const v of order)
    if ((ins[v]?.length ?? 0) === 0 && (outs[v]?.length ?? 0) > 0)
      layer[v] = Math.max(0, Math.min(...(outs[v] ?? []).map((e) => layer[at(e.target)] as number)) - 1);

  const depth = Math.max(0, ...layer) + 1;
  const layers: number[][] = Array.from({ length: depth }, () => []);
  for (const v of order) layers[layer[v] as number]?.push(v);

  // Order within layers: barycentre sweeps, down then up, starting from the topological order.
  const pos = new Array<number>(n).fill(0);
  const renumber = (l: number[]) => {
    for (let i = 0; i < l.length; i++) pos[l[i] as number] = i;
  };
  for (const l of layers) renumber(l);
  const sweep = (list: number[], neighbours: (v: number) => number[]) => {
    const key = new Map<number, number>();
    for (const v of list) {
      const nb = neighbours(v);
      key.set(v, nb.length ? nb.reduce((a, u) => a + (pos[u] as number), 0) / nb.length : (pos[v] as number));
    }
    list.sort((a, b) => (key.get(a) as number) - (key.get(b) as number));
    renumber(list);
  };
  for (let round = 0; round < 2; round++) {
    for (const l of layers) sweep(l, (v) => (ins[v] ?? []).map((e) => at(e.source)));
    for (let i = layers.length - 1; i >= 0; i--) sweep(layers[i] as number[], (v) => (outs[v] ?? []).map((e) => at(e.target)));
  }

  // x: each layer as wide as its widest box.
  const xs: number[] = [];
  let x = 0;
  for (const l of layers) {
    xs.push(x);
    x += Math.max(0, ...l.map((v) => nodes[v]?.w ?? 0)) + o.layerGap;
  }

  // y: layer by layer, each box where its inputs come in level (median over its edges), packed
  // in its layer's order with the least total displacement; then sources level with their consumers.
  const y = new Array<number>(n).fill(0);
  const place = (l: number[], wish: (v: number) => number | null) => {
    const wishes = l.map(wish);
    const ys = pack(
      l.map((v) => nodes[v]?.h ?? 0),
      wishes,
      o.nodeGap,
    );
    for (let i = 0; i < l.length; i++) y[l[i] as number] = ys[i] as number;
  };
  const median = (xs: number[]): number | null => {
    if (!xs.length) return null;
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
  };
  for (const l of layers) place(l, (v) => median((ins[v] ?? []).map((e) => (y[at(e.source)] as number) + e.sourceY - e.targetY)));
  for (let i = layers.length - 1; i >= 0; i--) {
    const l = layers[i] as number[];
    if (!l.some((v) => (ins[v]?.length ?? 0) === 0)) continue;
    place(l, (v) =>
      (ins[v]?.length ?? 0) === 0
        ? median((outs[v] ?? []).map((e) => (y[at(e.target)] as number) - e.sourceY + e.targetY))
        : (y[v] as number),
    );
  }
  const top = Math.min(0, ...y);
  const out = new Map<string, { x: number; y: number }>();
  nodes.forEach((node, v) => {
    out.set(node.id, { x: xs[layer[v] as number] as number, y: (y[v] as number) - top });
  });
  return out;
}

/**
 * y of boxes stacked in this order (each at least `gap` below the previous) as close as they
 * can be to their wishes (least squares: pool-adjacent-violators over the offsets). A box with
 * no wish follows the one before it.
 */
export function pack(heights: readonly number[], wishes: readonly (number | null)[], gap: number): number[] {
  const offset: number[] = [];
  let acc = 0;
  for (const h of heights) {
    offset.push(acc);
    acc += h + gap;
  }
  // Targets in offset space (z = y − offset must be non-decreasing).
  const blocks: { sum: number; weight: number; count: number }[] = [];
  let lastTarget = 0;
  wishes.forEach((w, i) => {
    const t = w === null ? lastTarget : w - (offset[i] as number);
    if (w !== null) lastTarget = t;
    // A box with no wish weighs almost nothing: it goes with its neighbours.
    const weight = w === null ? 1e-6 : 1;
    blocks.push({ sum: t * weight, weight, count: 1 });
    // Merge while the last block sits below the one before it.
    while (blocks.length > 1) {
      const cur = blocks[blocks.length - 1] as (typeof blocks)[number];
      const prev = blocks[blocks.length - 2] as (typeof blocks)[number];
      if (prev.sum / prev.weight <= cur.sum / cur.weight) break;
      blocks.pop();
      prev.sum += cur.sum;
      prev.weight += cur.weight;
      prev.count += cur.count;
    }
  });
  const z: number[] = [];
  for (const b of blocks) for (let k = 0; k < b.count; k++) z.push(b.sum / b.weight);
  return z.map((v, i) => v + (offset[i] as number));
}
