import * as tf from '@tensorflow/tfjs';
import { ancestors } from '../core/ancestors';
import { broadcastAxes } from '../core/broadcast';
import type { CompiledNode, Program } from '../core/compile';
import { type AnyOp, type OpContext, type Tensor, vjpArgs } from '../core/op';
import { makeRng, type Rng } from '../core/random';
import { type Snapshot, sameShape, showShape } from '../core/tensor';
import type { Role } from '../core/types';
import { execute } from './execute';
import { gradientLeaves, graphFunction } from './graphFunction';
import { combine, compareDirectional, directional, type FdVerdict, type Probe, relativeError } from './numeric';
import { objectiveNode } from './run';

/**
 * Tolerances, both relative. tf.grads differentiates the same float32 forward, so only rounding
 * separates it from a correct VJP (~1e-6): 1e-4 leaves room for long chains. Finite
 * differences (numeric.ts: one step relative to the point's size, Richardson, float32-rounded
 * points) carry ~1e-5 relative error on O(1) values and report their own uncertainty; 2e-3 sits
 * above that and below what a VJP 1 % wrong gives at any magnitude. Where the FD's uncertainty
 * exceeds the tolerance (noise, a kink crossed) the entry is `inconclusive`, never a pass.
 */
export const GRADCHECK_TOLERANCE = { tfGrads: 1e-4, finiteDiff: 2e-3 } as const;

const DIRECTIONS = 3;
const EPS32 = 2 ** -23;
/** Rounding budget per float32 gradient entry, in ulps of its no-cancellation scale. */
const NOISE_ULPS = 16;

function estimatorReason(op: AnyOp): string | null {
  if (op.stochastic && !op.exactGivenSamples)
    return `${op.name} samples: its VJP is a Monte-Carlo estimate of ∇E[cost], not a derivative of this sample`;
  if (op.straightThrough) return `${op.name} is straight-through: its VJP passes ȳ through unchanged where the true derivative is 0`;
  return null;
}

export interface GradcheckOptions {
  /** Objective name (default: the first). */
  objective?: string;
  /** Sampling seed of the run (as in `run`); also seeds dy and the directions. */
  seed?: number;
  /** Leaf values replacing the program's (same shapes). */
  values?: ReadonlyMap<string, Float32Array>;
  /** The run's memory policy (default: the graph's `checkpoint`): the trace checked is the one shown. */
  checkpointEvery?: number;
}

/** One input slot of a node: its VJP against both references. */
export interface SlotCheck {
  slot: number;
  input: string;
  vsTfGrads: number;
  vsFiniteDiff: number;
  finiteDiff: FdVerdict;
}

interface Verdict {
  /** Relative error against tf.grads; null when skipped. */
  vsTfGrads: number | null;
  /** Worst relative error of the conclusive finite-difference directions; null when skipped. */
  vsFiniteDiff: number | null;
  /** The finite-difference verdict over all directions; null when skipped. */
  finiteDiff: FdVerdict | null;
  /** null when skipped: nothing was checked. */
  pass: boolean | null;
  skipped?: 'estimator';
  /** Why it was skipped, or what went wrong. */
  note?: string;
}

export interface NodeCheck extends Verdict {
  node: string;
  op: string;
  slots: SlotCheck[];
}

export interface LeafCheck extends Verdict {
  node: string;
  role: Role;
}

export interface GradcheckResult {
  objective: string;
  objectiveNode: string;
  nodes: NodeCheck[];
  leaves: LeafCheck[];
  /** Every check that ran passed. */
  pass: boolean;
  /** Entries whose finite differences could not decide (tf.grads still checked them). */
  inconclusive: number;
  /** The memory policy of the checked run. */
  checkpointEvery: number;
  tolerance: typeof GRADCHECK_TOLERANCE;
}

const randomLike = (rng: Rng, n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());

function inner(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

const norm2 = (a: ArrayLike<number>): number => Math.sqrt(inner(a, a));

/** Directional FD checks of a gradient `g` of probe `f` at x, one verdict for all directions. */
function fdCheck(f: Probe, x: Float32Array, g: ArrayLike<number>, rng: Rng): { verdict: FdVerdict; error: number } {
  const results = Array.from({ length: DIRECTIONS }, () =>
    compareDirectional(directional(f, x, randomLike(rng, x.length)), g, GRADCHECK_TOLERANCE.finiteDiff),
  );
  const verdict = combine(results.map((r) => r.verdict));
  const counted = results.filter((r) => r.verdict !== 'inconclusive');
  return { verdict, error: Math.max(0, ...(counted.length ? counted : results).map((r) => r.error)) };
}

/**
 * ‖a − b‖ relative to the larger side, floored at the rounding a float32 gradient of this
 * no-cancellation `scale` may carry, divided by the tolerance: noise alone never fails.
 */
function tfGradsError(a: Float32Array, b: Float32Array, scale: number): number {
  const floor = (NOISE_ULPS * EPS32 * scale) / GRADCHECK_TOLERANCE.tfGrads;
  const rel = relativeError(a, b);
  const big = Math.max(norm2(a), norm2(b));
  return big >= floor ? rel : (rel * big) / floor;
}

function verdict(vsTfGrads: number, fd: { verdict: FdVerdict; error: number }, note?: string): Verdict {
  const pass = vsTfGrads <= GRADCHECK_TOLERANCE.tfGrads && fd.verdict !== 'fail';
  const v: Verdict = { vsTfGrads, vsFiniteDiff: fd.error, finiteDiff: fd.verdict, pass };
  return note ? { ...v, note } : v;
}

const skipped = (note: string): Verdict => ({
  vsTfGrads: null,
  vsFiniteDiff: null,
  finiteDiff: null,
  pass: null,
  skipped: 'estimator',
  note,
});

interface Env {
  values: Map<string, Snapshot>;
  seed: number;
  rng: Rng;
}

/**
 * A node's op VJP at its actual inputs, with a random ȳ, against tf.grads and directional FD.
 * Also returns each slot's gain ‖VJP(ȳ)‖/‖ȳ‖, the local Jacobian's typical size.
 */
function checkNode(env: Env, n: CompiledNode): { check: NodeCheck; gains: Map<number, number> } {
  const op = n.op as AnyOp;
  const head = { node: n.id, op: op.name };
  const gains = new Map<number, number>();
  const reason = estimatorReason(op);
  if (reason) return { check: { ...head, slots: [], ...skipped(reason) }, gains };

  const slots: SlotCheck[] = [];
  const notes: string[] = [];
  tf.tidy(() => {
    const ctx: OpContext = {
      rng: makeRng(env.seed),
      value: (id) => {
        const s = env.values.get(id);
        if (!s) throw new Error(`no value for "${id}"`);
        return tf.tensor(s.data, s.shape);
      },
      grad: () => {
        throw new Error('estimators are not checked here');
      },
    };
    const inputs = n.inputs.map((id) => env.values.get(id) as Snapshot);
    const xs = inputs.map((s) => tf.tensor(s.data, s.shape));
    const y = op.forward(xs, n.attrs, ctx);
    const dyData = randomLike(env.rng, y.size);
    const dy = tf.tensor(dyData, y.shape);

    let tfGrads: Tensor[] | null = null;
    try {
      tfGrads = tf.grads((...a: Tensor[]) => op.forward(a, n.attrs, ctx))(xs, dy);
    } catch (e) {
      notes.push(`tf.grads failed: ${(e as Error).message}`);
    }
    // Only what the op declares it saves: a wrong declaration fails here.
    const thunks = op.vjp(vjpArgs(op, xs, y, dy, n.attrs), ctx);
    /** ⟨ȳ, f(x)⟩ with input `slot` replaced, and Σ|ȳ ⊙ f(x)|, the scale its rounding is relative to. */
    const pairing =
      (slot: number): Probe =>
      (data) => {
        const out = tf.tidy(() =>
          op
            .forward(
              xs.map((x, i) => (i === slot ? tf.tensor(data, x.shape) : x)),
              n.attrs,
              ctx,
            )
            .dataSync(),
        );
        let value = 0;
        let scale = 0;
        for (let j = 0; j < out.length; j++) {
          const t = (dyData[j] as number) * (out[j] as number);
          value += t;
          scale += Math.abs(t);
        }
        return { value, scale };
      };

    thunks.forEach((thunk, slot) => {
      if (!thunk) return;
      const want = (inputs[slot] as Snapshot).shape;
      let g = thunk();
      // The engine sums a broadcast op's gradient back to the input's shape; so do we.
      if (op.broadcast && !sameShape(g.shape, want)) g = tf.reshape(tf.sum(g, broadcastAxes(want, g.shape)), want);
      if (!sameShape(g.shape, want)) {
        notes.push(`slot ${slot}: VJP has shape ${showShape(g.shape)}, input has ${showShape(want)}`);
        slots.push({
          slot,
          input: n.inputs[slot] as string,
          vsTfGrads: Number.POSITIVE_INFINITY,
          vsFiniteDiff: Number.POSITIVE_INFINITY,
          finiteDiff: 'fail',
        });
        return;
      }
      const gData = g.dataSync();
      gains.set(slot, norm2(gData) / Math.max(norm2(dyData), Number.MIN_VALUE));
      const ref = tfGrads?.[slot];
      const vsTfGrads = ref ? relativeError(gData, ref.dataSync()) : Number.POSITIVE_INFINITY;
      const fd = fdCheck(pairing(slot), (inputs[slot] as Snapshot).data, gData, env.rng);
      slots.push({ slot, input: n.inputs[slot] as string, vsTfGrads, vsFiniteDiff: fd.error, finiteDiff: fd.verdict });
    });
  });
  const worstTf = Math.max(0, ...slots.map((s) => s.vsTfGrads));
  const fd = { verdict: combine(slots.map((s) => s.finiteDiff)), error: Math.max(0, ...slots.map((s) => s.vsFiniteDiff)) };
  if (!slots.length) fd.verdict = 'pass';
  return { check: { ...head, slots, ...verdict(worstTf, fd, notes.join('; ') || undefined) }, gains };
}

/**
 * Checks every VJP of a program at its actual values, then every input/param gradient end to end.
 *
 * Per computed node with a backward step: the op's VJP for a seeded random ȳ against tf.grads
 * of the op's forward, and against directional central differences ⟨ȳ, f(x + hv) − f(x − hv)⟩/2h
 * vs ⟨VJP, v⟩ for 3 random directions v per input (O(1) per input). Against relu kinks:
 * steps shrink from 1e-2 to 1e-4 until one agrees, and the median over directions is kept.
 *
 * Per gradient leaf reached by the objective: the engine's gradient against tf.grads of the
 * whole graph as one function, and against directional differences of the objective.
 *
 * Estimators are not derivatives, so nothing honest compares them with tf.grads or finite
 * differences: a stochastic node's VJP estimates ∇E[cost] while the sample itself is a step
 * function of θ (its FD is 0 or a spike, and tf.grads sees no path through the draw); a
 * straight-through VJP is a chosen surrogate for a true derivative of 0. Such nodes, and every
 * leaf whose gradient flows back through one, are reported `skipped: 'estimator'` (pass null)
 * and leave the overall verdict alone; check them statistically instead (see the bernoulli op
 * tests). Leaves whose gradient avoids every estimator are still fully checked, even when the
 * objective depends on samples: the seed fixes the draws, so those leaves see a deterministic
 * function, and the tf.grads replay draws the same samples.
 */
export function gradcheck(program: Program, o: GradcheckOptions = {}): GradcheckResult {
  const obj = objectiveNode(program, o.objective);
  const seed = o.seed ?? 0;
  const checkpointEvery = o.checkpointEvery ?? program.spec.checkpoint ?? 0;
  const base = execute(program, { seedNode: obj.node, seed, values: o.values, checkpointEvery, record: true });
  const env: Env = { values: base.values, seed, rng: makeRng((seed ^ 0x9e3779b9) >>> 0) };

  const withBackward = new Set(base.steps.filter((s) => s.phase === 'backward').map((s) => s.node));
  const computed = program.order.filter((id) => withBackward.has(id)).map((id) => program.nodes.get(id) as CompiledNode);
  const checked = computed.map((n) => checkNode(env, n));
  const scale = noCancellationScale(obj.node, computed, checked);

  const behind = behindEstimators(program, computed);
  const gradLeaves = gradientLeaves(program, obj.node);
  const checkable = gradLeaves.filter((id) => !behind.has(id));
  const reference = wholeGraphGrads(program, env, obj.node, checkable);

  const objectiveAt =
    (id: string): Probe =>
    (data) => {
      const values = new Map(o.values);
      values.set(id, data);
      const r = execute(program, { seedNode: obj.node, values, seed, forwardOnly: true });
      const value = r.values.get(obj.node)?.data[0] as number;
      return { value, scale: Math.abs(value) };
    };

  const leaves = gradLeaves.map((id): LeafCheck => {
    const head = { node: id, role: program.nodes.get(id)?.role as Role };
    const via = behind.get(id);
    if (via !== undefined) {
      return { ...head, ...skipped(`its gradient flows back through "${via}" (${estimatorReason(program.nodes.get(via)?.op as AnyOp)})`) };
    }
    const x = (base.values.get(id) as Snapshot).data;
    const g = base.grads.get(id)?.data ?? new Float32Array(x.length);
    const ref = reference.grads.get(id);
    const vsTfGrads = ref ? tfGradsError(g, ref, scale.get(id) ?? 0) : Number.POSITIVE_INFINITY;
    return { ...head, ...verdict(vsTfGrads, fdCheck(objectiveAt(id), x, g, env.rng), reference.error) };
  });

  const nodes = checked.map((c) => c.check);
  const all = [...nodes, ...leaves];
  const pass = all.every((c) => c.pass !== false);
  const inconclusive = all.filter((c) => c.finiteDiff === 'inconclusive').length;
  return {
    objective: obj.name,
    objectiveNode: obj.node,
    nodes,
    leaves,
    pass,
    inconclusive,
    checkpointEvery,
    tolerance: GRADCHECK_TOLERANCE,
  };
}

/**
 * The size each gradient would have if nothing cancelled: norms pushed back through the
 * gains, summed over fan-out. Rounding in any float32 gradient is relative to this, not to
 * the (possibly cancelled) result: Σ softmax(S) has ∂/∂S = 0 up to rounding.
 */
function noCancellationScale(objective: string, computed: CompiledNode[], checked: { gains: Map<number, number> }[]): Map<string, number> {
  const scale = new Map<string, number>([[objective, 1]]);
  for (let i = computed.length - 1; i >= 0; i--) {
    const n = computed[i] as CompiledNode;
    const s = scale.get(n.id) ?? 0;
    for (const [slot, gain] of checked[i]?.gains ?? []) {
      const src = n.inputs[slot] as string;
      scale.set(src, (scale.get(src) ?? 0) + s * gain);
    }
  }
  return scale;
}

/** Every node whose gradient passes back through an estimator, with that estimator's id. */
function behindEstimators(program: Program, computed: CompiledNode[]): Map<string, string> {
  const behind = new Map<string, string>();
  for (const e of computed.filter((n) => estimatorReason(n.op as AnyOp))) {
    for (const id of ancestors(program, e.inputs)) if (!behind.has(id)) behind.set(id, e.id);
  }
  return behind;
}

/** tf.grads of the whole graph as one function of `leaves`, at the run's values. */
function wholeGraphGrads(
  program: Program,
  env: Env,
  objective: string,
  leaves: string[],
): { grads: Map<string, Float32Array>; error?: string } {
  const grads = new Map<string, Float32Array>();
  if (!leaves.length) return { grads };
  try {
    tf.tidy(() => {
      // The other leaves enter as constants at the run's values (`values` overrides included).
      const rest = program.order.filter((id) => !program.nodes.get(id)?.op && !leaves.includes(id));
      const tensorOf = (id: string) => {
        const s = env.values.get(id) as Snapshot;
        return tf.tensor(s.data, s.shape);
      };
      const restTensors = rest.map(tensorOf);
      // Same seed as the run: a stochastic node replays the very samples the engine drew.
      const whole = graphFunction(program, objective, [...leaves, ...rest], env.seed);
      const gs = tf.grads((...xs: Tensor[]) => whole(...xs, ...restTensors))(leaves.map(tensorOf));
      leaves.forEach((id, i) => {
        grads.set(id, (gs[i] as Tensor).dataSync() as Float32Array);
      });
    });
    return { grads };
  } catch (e) {
    return { grads, error: `tf.grads of the whole graph failed: ${(e as Error).message}` };
  }
}
