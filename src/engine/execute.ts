import * as tf from '@tensorflow/tfjs';
import { broadcastAxes } from '../core/broadcast';
import type { CompiledNode, Program } from '../core/compile';
import { GraphError, ShapeError } from '../core/errors';
import { type OpContext, type Tensor, vjpArgs } from '../core/op';
import { makeRng } from '../core/random';
import { type Snapshot, sameShape, showShape, sizeOf } from '../core/tensor';
import { FREE_LINES, nameOf, nodeLine, recomputeLine } from './commentary';
import { type MemoryPlan, planMemory, recomputeSet } from './memory';
import { Recorder } from './recorder';
import { edgeId, type Fault, type SentGrad, type Step, type TraceStats } from './trace';

export interface ExecOptions {
  /** Node whose gradient is seeded (a scalar objective, or any node for a Jacobian row). */
  seedNode: string;
  /** The seed ∂out/∂seedNode; default all ones. */
  seedGrad?: Float32Array;
  /** Leaf values replacing the program's (same shapes). */
  values?: ReadonlyMap<string, Float32Array>;
  seed?: number;
  /** Memory policy: 0 = keep what backward reads; k > 0 = checkpoint every k-th layer. */
  checkpointEvery?: number;
  /** Skip the backward pass (finite differences only need the forward value). */
  forwardOnly?: boolean;
  /** Keep every step with its snapshots (the Trace); off for training loops and probes. */
  record?: boolean;
}

export interface ExecResult {
  /** Final forward value of every node. */
  values: Map<string, Snapshot>;
  /** Final ∂seed/∂node of every node a gradient reached. */
  grads: Map<string, Snapshot>;
  steps: Step[];
  stats: TraceStats;
  faults: Fault[];
}

/** A ShapeError raised while an op runs (e.g. an estimator's cost) becomes a located GraphError. */
function located<T>(node: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ShapeError) throw new GraphError([{ node, field: e.field, message: e.message }]);
    throw e;
  }
}

const snap = (t: Tensor): Snapshot => ({ shape: t.shape.slice(), data: t.dataSync() as Float32Array });

// Forward and backward lines in ids here (runExercise relabels them with the graph's names, src/engine/commentary.ts);
// free and recompute lines name the node's label already.
// A node's lines depend on the node alone: made once per compiled node.
const lines = new WeakMap<CompiledNode, { forward: string; backward: string }>();
const commentary = (n: CompiledNode, phase: 'forward' | 'backward'): string => {
  let l = lines.get(n);
  if (!l) {
    l = { forward: nodeLine(undefined, n, 'forward'), backward: nodeLine(undefined, n, 'backward') };
    lines.set(n, l);
  }
  return l[phase];
};

/** A node's distinct inputs (an input used twice, x·x, counts once), made once per compiled node. */
const distinct = new WeakMap<CompiledNode, readonly string[]>();
const distinctInputs = (n: CompiledNode): readonly string[] => {
  let d = distinct.get(n);
  if (!d) {
    d = [...new Set(n.inputs)];
    distinct.set(n, d);
  }
  return d;
};

/**
 * One op evaluation: the op's forward on its inputs, or — for a stochastic node seen before in
 * this run — its first draws again (samples are drawn once per run, recomputation reuses them).
 */
export function evaluateNode(n: CompiledNode, inputs: Tensor[], ctx: OpContext, draws?: Map<string, Snapshot>): Tensor {
  const op = n.op as NonNullable<CompiledNode['op']>;
  const seen = op.stochastic ? draws?.get(n.id) : undefined;
  if (seen) return tf.tensor(seen.data, seen.shape);
  const y = located(n.id, () => op.forward(inputs, n.attrs, ctx));
  if (op.stochastic) draws?.set(n.id, snap(y));
  return y;
}

/**
 * The interpreter: forward in topological order, backward in reverse order with gradients
 * accumulated over fan-out, under a memory policy (what is held, dropped and recomputed: see
 * memory.ts) and a recorder (numbering, NaN/Inf detection, snapshots when recording). All tfjs
 * work runs inside one tf.tidy, so nothing leaks. Behind run, train, jacobian, gradcheck and FD.
 */
export function execute(program: Program, o: ExecOptions): ExecResult {
  const seedTarget = program.nodes.get(o.seedNode);
  if (!seedTarget) throw new GraphError([{ field: 'objective', message: `no node "${o.seedNode}"` }]);
  const record = o.record ?? false;
  const plan = planMemory(program, o.seedNode, o.checkpointEvery ?? 0);
  const rec = new Recorder(record);
  const values = new Map<string, Snapshot>();
  const grads = new Map<string, Snapshot>();
  const stats: TraceStats = { peakLiveActivations: 0, forwardEvaluations: 0 };

  tf.tidy(() => {
    const live = new Map<string, Tensor>();
    const acc = new Map<string, Tensor>();
    // The snapshot of each acc entry when one was taken anyway (a sent gradient, a recorded
    // total): read back once, reused as the next step's dy and as the final gradient.
    const accSnap = new Map<string, Snapshot>();
    let held = 0; // computed values in `live`
    const draws = new Map<string, Snapshot>();
    const ctx: OpContext = {
      rng: makeRng(o.seed ?? 0),
      value: (id) => {
        const t = live.get(id);
        if (!t) throw new GraphError([{ node: id, field: 'value', message: 'needed by an estimator but not available' }]);
        return t;
      },
      grad: (id) => acc.get(id) ?? tf.zeros(program.nodes.get(id)?.shape ?? []),
    };
    const node = (id: string) => program.nodes.get(id) as CompiledNode;
    const hold = (id: string, t: Tensor) => {
      live.set(id, t);
      if (node(id).op) held++;
    };
    /** `why` words the free step with the node's name from the graph (its label), not its id. */
    const drop = (id: string, why?: (name: string) => string) => {
      const t = live.get(id);
      if (!t || !node(id).op) return;
      t.dispose();
      live.delete(id);
      held--;
      if (why)
        rec.push(
          { phase: 'free', node: id, op: node(id).op?.name ?? 'leaf', edges: [], commentary: why(nameOf(node(id))), live: held },
          [],
        );
    };
    const evaluate = (n: CompiledNode) => {
      const y = evaluateNode(
        n,
        n.inputs.map((s) => live.get(s) as Tensor),
        ctx,
        draws,
      );
      stats.forwardEvaluations++;
      hold(n.id, y);
      const v = snap(y);
      values.set(n.id, v);
      return v;
    };
    const emit = (n: CompiledNode, phase: 'forward' | 'recompute', v: Snapshot) => {
      const drawn = record ? n.op?.drawn?.(n.attrs, ctx) : undefined;
      rec.push(
        {
          phase,
          node: n.id,
          op: (n.op as NonNullable<CompiledNode['op']>).name,
          edges: n.inputs.map((s, i) => edgeId(s, n.id, i)),
          commentary: !record ? '' : phase === 'forward' ? commentary(n, 'forward') : recomputeLine(nameOf(n)),
          live: held,
          ...(record ? { value: v } : {}),
          ...(drawn ? { drawn: { shape: v.shape, data: drawn } } : {}),
        },
        [v.data],
      );
    };

    // Forward. A value goes once its forward consumers have run, unless backward reads it
    // (and, when checkpointing, it is not one the policy drops).
    const pending = new Map<string, number>();
    for (const id of program.order) pending.set(id, node(id).consumers.length);
    const keepForBackward = (id: string) => plan.lastRead.has(id) && !(o.forwardOnly ?? false) && !plan.dropped.has(id);
    for (const id of program.order) {
      const n = node(id);
      if (!n.op) {
        const data = o.values?.get(id) ?? (n.value as Float32Array);
        hold(id, tf.tensor(data, n.shape));
        values.set(id, { shape: n.shape.slice(), data });
        continue;
      }
      const v = evaluate(n);
      for (const src of n.inputs) pending.set(src, (pending.get(src) as number) - 1);
      const done = distinctInputs(n).filter((src) => pending.get(src) === 0 && !keepForBackward(src));
      if (n.consumers.length === 0 && !keepForBackward(id)) done.push(id);
      // Values nobody reads again go silently; the policy's drops are steps of their own.
      const announced = done.filter((s) => !o.forwardOnly && plan.dropped.has(s) && plan.lastRead.has(s));
      for (const s of done) if (!announced.includes(s)) drop(s);
      emit(n, 'forward', v);
      for (const s of announced) drop(s, FREE_LINES.dropped);
    }
    if (o.forwardOnly) return;

    const seedT = tf.tensor(o.seedGrad ?? new Float32Array(sizeOf(seedTarget.shape)).fill(1), seedTarget.shape);
    acc.set(o.seedNode, seedT);
    const seedSnap = snap(seedT);
    accSnap.set(o.seedNode, seedSnap);
    rec.push(
      {
        phase: 'seed',
        node: o.seedNode,
        op: seedTarget.op?.name ?? 'leaf',
        edges: [],
        commentary: `seed: ∂${o.seedNode}/∂${o.seedNode} = 1`,
        live: held,
        ...(record ? { grad: seedSnap } : {}),
      },
      [seedSnap.data],
    );

    // Backward in reverse topological order.
    const recomputed = new Set<string>();
    for (let i = program.order.length - 1; i >= 0; i--) {
      const id = program.order[i] as string;
      const n = node(id);
      const dy = acc.get(id);
      if (plan.backward.has(id) && dy) {
        ensureReads(program, plan, id, i, live, (r) => {
          const v = evaluate(r);
          recomputed.add(r.id);
          emit(r, 'recompute', v);
        });
        // Recomputed intermediates that no remaining step reads (z on the way to a = relu(z)).
        for (const r of [...recomputed]) {
          if ((plan.lastRead.get(r) ?? Number.POSITIVE_INFINITY) <= i) continue;
          drop(r, FREE_LINES.rebuilt);
          recomputed.delete(r);
        }
        backwardStep(n, dy);
      }
      // Values whose last reader was this step.
      for (const v of plan.freeAt.get(i) ?? []) {
        if (!live.has(v)) continue;
        drop(v, recomputed.has(v) ? FREE_LINES.segmentDone : undefined);
        recomputed.delete(v);
      }
    }

    function backwardStep(n: CompiledNode, dy: Tensor): void {
      const op = n.op as NonNullable<CompiledNode['op']>;
      const ins = n.inputs.map((s) => live.get(s));
      const shapes = n.inputs.map((s) => node(s).shape);
      const vjps = located(n.id, () => op.vjp(vjpArgs(op, ins, live.get(n.id), dy, n.attrs, shapes), ctx));
      const sent: SentGrad[] = [];
      const check: Float32Array[] = [];
      n.inputs.forEach((src, slot) => {
        const target = node(src);
        const thunk = vjps[slot];
        if (!target.needsGrad || !thunk) return;
        let g = located(n.id, thunk);
        if (op.broadcast && !sameShape(g.shape, target.shape))
          g = tf.reshape(tf.sum(g, broadcastAxes(target.shape, g.shape)), target.shape);
        if (!sameShape(g.shape, target.shape)) {
          throw new Error(
            `VJP of ${op.name} at "${n.id}" returned ${showShape(g.shape)} for input "${src}" of shape ${showShape(target.shape)}`,
          );
        }
        const prev = acc.get(src);
        const total = prev ? tf.add(prev, g) : g;
        acc.set(src, total);
        const gs = snap(g);
        check.push(gs.data);
        const ts = !prev ? gs : record ? snap(total) : undefined;
        if (ts) accSnap.set(src, ts);
        else accSnap.delete(src);
        if (record) sent.push({ slot, to: src, edge: edgeId(src, n.id, slot), grad: gs, total: ts as Snapshot });
      });
      const g = accSnap.get(n.id) ?? snap(dy);
      rec.push(
        {
          phase: 'backward',
          node: n.id,
          op: op.name,
          edges: record ? sent.map((s) => s.edge) : [],
          commentary: record ? commentary(n, 'backward') : '',
          live: held,
          ...(record ? { grad: g, sent } : {}),
        },
        [g.data, ...check],
      );
    }

    for (const [id, t] of acc) if (node(id).needsGrad) grads.set(id, accSnap.get(id) ?? snap(t));
  });
  stats.peakLiveActivations = rec.peakLive;
  return { values, grads, steps: rec.steps, stats, faults: rec.faults };
}

/**
 * Before backward step `i` (node `id`): whatever the step reads that is not live is rebuilt —
 * when checkpointing, for the whole segment at once (everything its backward steps read),
 * from the nearest live values, in topological order.
 */
function ensureReads(
  program: Program,
  plan: MemoryPlan,
  id: string,
  i: number,
  live: ReadonlyMap<string, Tensor>,
  evaluate: (n: CompiledNode) => void,
): void {
  const own = plan.reads.get(id) ?? [];
  if (own.every((v) => live.has(v))) return;
  const seg = plan.segmentOf.get(id);
  const group = seg === undefined ? [id] : program.order.slice(0, i + 1).filter((m) => plan.segmentOf.get(m) === seg);
  const want = group.flatMap((m) => plan.reads.get(m) ?? []);
  const rebuild = recomputeSet(program, want, (v) => live.has(v));
  for (const v of program.order) if (rebuild.has(v)) evaluate(program.nodes.get(v) as CompiledNode);
}
