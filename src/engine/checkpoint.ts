import type { Program } from '../core/compile';

/**
 * Which computed nodes are freed after the forward pass uses them, under
 * "keep every k-th layer": nodes tagged with a `layer` that is not a multiple of k
 * (and not the last layer). k = 0 keeps everything.
 */
export interface CheckpointPlan {
  k: number;
  /** Nodes dropped after their last forward consumer and rebuilt during backward. */
  freeable: Set<string>;
  /** Freeable nodes grouped by segment: all of a segment is recomputed together. */
  segmentOf: Map<string, number>;
}

export function planCheckpoints(program: Program, k: number): CheckpointPlan {
  const freeable = new Set<string>();
  const segmentOf = new Map<string, number>();
  if (k <= 0) return { k: 0, freeable, segmentOf };
  // A layer's output is its last node in topological order.
  const output = new Map<number, string>();
  for (const id of program.order) {
    const layer = program.nodes.get(id)?.spec.layer;
    if (layer !== undefined && isActivation(program, id)) output.set(layer, id);
  }
  const last = Math.max(...output.keys());
  const kept = new Set([...output].filter(([l]) => l % k === 0 || l === last).map(([, id]) => id));
  for (const id of program.order) {
    const layer = program.nodes.get(id)?.spec.layer;
    if (layer === undefined || !isActivation(program, id) || kept.has(id)) continue;
    freeable.add(id);
    // Segment s spans layers (s·k, (s+1)·k] and is recomputed from the checkpoint at s·k.
    segmentOf.set(id, Math.floor((layer - 1) / k));
  }
  return { k, freeable, segmentOf };
}

/** Layer-tagged computed nodes: what "live activations" counts. */
export function isActivation(program: Program, id: string): boolean {
  const n = program.nodes.get(id);
  return !!n?.op && n.spec.layer !== undefined;
}
