import * as tf from '@tensorflow/tfjs';
import { ancestors } from '../core/ancestors';
import { broadcastAxes } from '../core/broadcast';
import type { CompiledNode, Program } from '../core/compile';
import { GraphError, ShapeError } from '../core/errors';
import type { OpContext, Tensor } from '../core/op';
import { makeRng } from '../core/random';
import { isAllFinite, type Snapshot, sameShape, showShape } from '../core/tensor';
import type { OptionValue } from '../core/types';
import { isActivation, planCheckpoints } from './checkpoint';
import { nodeLine } from './commentary';
import { edgeId, type Fault, type SentGrad, type Step, type TraceStats } from './trace';

export interface ExecOptions {
  /** Node whose gradient is seeded (a scalar objective, or any node for a Jacobian row). */
  seedNode: string;
  /** The seed ∂out/∂seedNode; default all ones. */
  seedGrad?: Float32Array;
  /** Leaf values replacing the program's (same shapes). */
  values?: ReadonlyMap<string, Float32Array>;
  seed?: number;
  checkpointEvery?: number;
  options?: Readonly<Record<string, OptionValue>>;
  /** Skip the backward pass (finite differences only need the forward value). */
  forwardOnly?: boolean;
  /** Record every step with snapshots (the Trace); off for training loops. */
  record?: boolean;
}

export interface ExecResult {
  values: Map<string, Snapshot>;
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

// Ids here; runExercise relabels the trace with the graph's names (src/engine/commentary.ts).
const commentary = (n: CompiledNode, phase: 'forward' | 'backward'): string => nodeLine(undefined, n, phase);

/**
 * Forward then reverse-mode backward over a compiled program, all tfjs work inside one
 * tf.tidy so nothing leaks. The single implementation behind run, train, jacobian, gradcheck.
 */
export function execute(program: Program, o: ExecOptions): ExecResult {
  const seedTarget = program.nodes.get(o.seedNode);
  if (!seedTarget) throw new GraphError([{ field: 'objective', message: `no node "${o.seedNode}"` }]);
  const record = o.record ?? false;
  const plan = planCheckpoints(program, o.checkpointEvery ?? 0);
  const steps: Step[] = [];
  const faults: Fault[] = [];
  const outValues = new Map<string, Snapshot>();
  const outGrads = new Map<string, Snapshot>();
  const stats: TraceStats = { peakLiveActivations: 0, forwardEvaluations: 0 };
  const rng = makeRng(o.seed ?? 0);
  const needed = ancestors(program, [o.seedNode]);

  const push = (s: Omit<Step, 'index'>, check?: Snapshot) => {
    const step = { index: steps.length, ...s } as Step;
    if (check && !isAllFinite(check.data)) {
      step.fault = `${s.phase === 'forward' || s.phase === 'recompute' ? 'value' : 'gradient'} of "${s.node}" contains NaN or Inf`;
      faults.push({ step: step.index, node: s.node, message: step.fault });
    }
    if (record || step.fault) steps.push(step);
  };

  tf.tidy(() => {
    const live = new Map<string, Tensor>();
    let liveActs = 0;
    const setLive = (id: string, t: Tensor) => {
      live.set(id, t);
      if (isActivation(program, id)) stats.peakLiveActivations = Math.max(stats.peakLiveActivations, ++liveActs);
    };
    const free = (id: string, why: string) => {
      live.get(id)?.dispose();
      live.delete(id);
      if (isActivation(program, id)) liveActs--;
      push({ phase: 'free', node: id, op: program.nodes.get(id)?.op?.name ?? 'leaf', edges: [], commentary: why });
    };
    const ctx: OpContext = {
      rng,
      options: o.options ?? {},
      value: (id) => {
        const t = live.get(id);
        if (!t) throw new GraphError([{ node: id, field: 'value', message: 'needed by an estimator but not available' }]);
        return t;
      },
    };
    const evaluate = (n: CompiledNode, phase: 'forward' | 'recompute') => {
      const op = n.op as NonNullable<CompiledNode['op']>;
      const y = located(n.id, () =>
        op.forward(
          n.inputs.map((s) => live.get(s) as Tensor),
          n.attrs,
          ctx,
        ),
      );
      stats.forwardEvaluations++;
      setLive(n.id, y);
      const v = snap(y);
      outValues.set(n.id, v);
      push(
        {
          phase,
          node: n.id,
          op: op.name,
          value: v,
          edges: n.inputs.map((s, i) => edgeId(s, n.id, i)),
          commentary: phase === 'forward' ? commentary(n, 'forward') : `recompute ${n.id} from the last checkpoint`,
        },
        v,
      );
    };

    // Forward, freeing non-checkpoint activations once their consumers have run.
    const pendingUses = new Map<string, number>();
    for (const id of program.order) {
      const n = program.nodes.get(id) as CompiledNode;
      if (!n.op) {
        const data = o.values?.get(id) ?? (n.value as Float32Array);
        const t = tf.tensor(data, n.shape);
        setLive(id, t);
        outValues.set(id, snap(t));
        continue;
      }
      evaluate(n, 'forward');
      pendingUses.set(id, n.consumers.length);
      for (const src of new Set(n.inputs)) {
        const left = (pendingUses.get(src) ?? 0) - n.inputs.filter((s) => s === src).length;
        pendingUses.set(src, left);
        if (left <= 0 && plan.freeable.has(src)) free(src, `free ${src}: not a checkpoint, dropped until backward needs it`);
      }
    }

    if (o.forwardOnly) return;
    // Seed.
    const grads = new Map<string, Tensor>();
    const seedT = tf.tensor(o.seedGrad ?? new Float32Array(seedTarget.shape.reduce((a, b) => a * b, 1)).fill(1), seedTarget.shape);
    grads.set(o.seedNode, seedT);
    const seedSnap = snap(seedT);
    push(
      {
        phase: 'seed',
        node: o.seedNode,
        op: seedTarget.op?.name ?? 'leaf',
        grad: seedSnap,
        edges: [],
        commentary: `seed: ∂${o.seedNode}/∂${o.seedNode} = 1`,
      },
      seedSnap,
    );

    // Backward in reverse topological order.
    const recomputed = new Set<string>();
    const order = program.order.filter((id) => needed.has(id));
    for (let i = order.length - 1; i >= 0; i--) {
      const n = program.nodes.get(order[i] as string) as CompiledNode;
      const dy = grads.get(n.id);
      if (!n.op || !dy || !n.needsGrad) continue;
      for (const id of [n.id, ...n.inputs]) {
        if (live.has(id)) continue;
        const seg = plan.segmentOf.get(id);
        for (const sid of program.order) {
          if (plan.segmentOf.get(sid) === seg && !live.has(sid)) {
            evaluate(program.nodes.get(sid) as CompiledNode, 'recompute');
            recomputed.add(sid);
          }
        }
      }
      const ins = n.inputs.map((s) => live.get(s) as Tensor);
      const op = n.op;
      const vjps = located(n.id, () => op.vjp({ inputs: ins, output: live.get(n.id) as Tensor, dy, attrs: n.attrs, ctx }));
      const sent: SentGrad[] = [];
      n.inputs.forEach((src, slot) => {
        const target = program.nodes.get(src) as CompiledNode;
        const thunk = vjps[slot];
        if (!target.needsGrad || !thunk) return;
        let g = located(n.id, thunk);
        if (n.op?.broadcast && !sameShape(g.shape, target.shape)) {
          g = tf.reshape(tf.sum(g, broadcastAxes(target.shape, g.shape)), target.shape);
        }
        if (!sameShape(g.shape, target.shape)) {
          throw new Error(
            `VJP of ${n.op?.name} at "${n.id}" returned ${showShape(g.shape)} for input "${src}" of shape ${showShape(target.shape)}`,
          );
        }
        const prev = grads.get(src);
        const total = prev ? tf.add(prev, g) : g;
        grads.set(src, total);
        if (record) sent.push({ slot, to: src, edge: edgeId(src, n.id, slot), grad: snap(g), total: snap(total) });
      });
      const g = snap(dy);
      push(
        {
          phase: 'backward',
          node: n.id,
          op: n.op.name,
          grad: g,
          sent,
          edges: sent.map((s) => s.edge),
          commentary: commentary(n, 'backward'),
        },
        sent.find((s) => !isAllFinite(s.grad.data))?.grad ?? g,
      );
      // Recomputed activations go again once nothing later in backward needs them.
      for (const id of recomputed) {
        const stillNeeded = order.slice(0, i).some((u) => u === id || program.nodes.get(u)?.inputs.includes(id));
        if (!stillNeeded) {
          recomputed.delete(id);
          free(id, `free ${id} again: its segment is done`);
        }
      }
    }
    for (const [id, t] of grads) {
      const n = program.nodes.get(id) as CompiledNode;
      if (n.needsGrad) outGrads.set(id, snap(t));
    }
  });
  return { values: outValues, grads: outGrads, steps, stats, faults };
}
