import { ancestors } from '../core/ancestors';
import type { Program } from '../core/compile';
import { GraphError } from '../core/errors';
import { savesInput } from '../core/op';

/**
 * The memory policy of one run: which values each backward step reads (the ops' `saves`
 * declarations, plus the nodes an estimator names), and — when checkpointing — which
 * activations are dropped after the forward pass and rebuilt when backward needs them.
 *
 * keep-all (k = 0): a computed value is held while a later forward step or a VJP reads it, and
 * dropped after its last reader. checkpoint(k): as keep-all, except that layer-tagged values
 * that are not the output of a layer l with l % k = 0 (or of the last layer) are dropped once
 * forward is done with them; backward recomputes what its steps read from the nearest values
 * still held (see `recomputeSet`), segment by segment. Any DAG works: skip connections and
 * fan-out across segments only make a recompute set reach further back; stochastic nodes are
 * never re-drawn (the interpreter replays their forward draws).
 */
export interface MemoryPlan {
  k: number;
  /** Computed nodes whose backward step runs (they lie between a gradient leaf and the seed). */
  backward: ReadonlySet<string>;
  /** What each backward step reads: saved inputs, its output if saved, nodes an estimator names. */
  reads: ReadonlyMap<string, readonly string[]>;
  /** Index in program.order of the last backward step (lowest index) that reads each value. */
  lastRead: ReadonlyMap<string, number>;
  /** The inverse of lastRead: index of a backward step → the values it is the last reader of. */
  freeAt: ReadonlyMap<number, readonly string[]>;
  /** Checkpoint mode: values dropped after forward although backward reads them. */
  dropped: ReadonlySet<string>;
  /** Backward nodes grouped by segment (layer-tagged only): recomputed for together. */
  segmentOf: ReadonlyMap<string, number>;
}

/** Layer-tagged computed nodes: what checkpointing may drop. */
const layerOf = (program: Program, id: string): number | undefined => {
  const n = program.nodes.get(id);
  return n?.op ? n.spec.layer : undefined;
};

const plans = new WeakMap<Program, Map<string, MemoryPlan>>();

/** The plan for a program, seed node and k; computed once per program (a training loop reuses it). */
export function planMemory(program: Program, seedNode: string, k: number): MemoryPlan {
  const key = `${seedNode}\u0000${k}`;
  const forProgram = plans.get(program) ?? new Map<string, MemoryPlan>();
  plans.set(program, forProgram);
  const plan = forProgram.get(key) ?? buildPlan(program, seedNode, k);
  forProgram.set(key, plan);
  return plan;
}

function buildPlan(program: Program, seedNode: string, k: number): MemoryPlan {
  const upstream = ancestors(program, [seedNode]);
  const backward = new Set(program.order.filter((id) => upstream.has(id) && program.nodes.get(id)?.op && program.nodes.get(id)?.needsGrad));
  checkEstimators(program, seedNode, backward);

  const reads = new Map<string, string[]>();
  const lastRead = new Map<string, number>();
  program.order.forEach((id, i) => {
    if (!backward.has(id)) return;
    const n = program.nodes.get(id);
    const op = n?.op;
    if (!n || !op) return;
    const r = new Set<string>();
    n.inputs.forEach((src, slot) => {
      if (savesInput(op, slot)) r.add(src);
    });
    if (op.saves.output) r.add(id);
    for (const ref of op.nodeRefs?.(n.attrs) ?? []) r.add(ref.id);
    reads.set(id, [...r]);
    for (const v of r) if (!lastRead.has(v)) lastRead.set(v, i);
  });

  const dropped = new Set<string>();
  const segmentOf = new Map<string, number>();
  if (k > 0) {
    // A layer's output is its last layer-tagged node in topological order.
    const output = new Map<number, string>();
    for (const id of program.order) {
      const l = layerOf(program, id);
      if (l !== undefined) output.set(l, id);
    }
    const last = Math.max(...output.keys());
    const kept = new Set([...output].filter(([l]) => l % k === 0 || l === last).map(([, id]) => id));
    for (const id of program.order) {
      const l = layerOf(program, id);
      if (l === undefined) continue;
      if (!kept.has(id)) dropped.add(id);
      // Segment s spans layers (s·k, (s+1)·k], rebuilt from the checkpoint at s·k.
      if (backward.has(id)) segmentOf.set(id, Math.floor((l - 1) / k));
    }
  }
  const freeAt = new Map<number, string[]>();
  for (const [v, i] of lastRead) freeAt.set(i, [...(freeAt.get(i) ?? []), v]);
  return { k: Math.max(k, 0), backward, reads, lastRead, freeAt, dropped, segmentOf };
}

/**
 * Values to evaluate so that every id in `want` is live: `want` and its ancestors back to the
 * nearest live values. A stochastic node's draws are replayed, so the walk stops there too.
 */
export function recomputeSet(program: Program, want: Iterable<string>, isLive: (id: string) => boolean): Set<string> {
  const out = new Set<string>();
  const stack = [...want];
  while (stack.length) {
    const id = stack.pop() as string;
    if (out.has(id) || isLive(id)) continue;
    const n = program.nodes.get(id);
    if (!n?.op) continue; // leaves are always live
    out.add(id);
    if (!n.op.stochastic) stack.push(...n.inputs);
  }
  return out;
}

/**
 * A stochastic node's estimator weights its cost by the cost's upstream gradient, which is
 * complete only if the cost lies downstream of the node; and it accounts for the node's effect
 * on the objective only if every path from the node to the objective passes through the cost.
 */
function checkEstimators(program: Program, seedNode: string, backward: ReadonlySet<string>): void {
  for (const id of backward) {
    const n = program.nodes.get(id);
    if (!n?.op?.stochastic) continue;
    for (const ref of n.op.nodeRefs?.(n.attrs) ?? []) {
      if (!ancestors(program, [ref.id]).has(id)) {
        throw new GraphError([
          { node: id, field: ref.field, message: `"${ref.id}" must be computed from this node's samples (downstream of it)` },
        ]);
      }
      if (ancestors(program, [seedNode], ref.id).has(id)) {
        throw new GraphError([
          {
            node: id,
            field: ref.field,
            message: `the objective "${seedNode}" depends on the samples other than through "${ref.id}": the estimator would miss that path`,
          },
        ]);
      }
    }
  }
}
