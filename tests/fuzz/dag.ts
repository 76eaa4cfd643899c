/**
 * Random DAGs over every registered op (read from the registry, so new ops join by themselves):
 * random leaf shapes with broadcasting, fan-out (nodes reuse earlier values), layer tags for
 * checkpointing, and a random objective (sum, mean, scaled, negated) on top.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { compile, type Program } from '../../src/core/compile';
import { GraphError, ShapeError } from '../../src/core/errors';
import type { AnyOp } from '../../src/core/op';
import { REGISTRY } from '../../src/core/registry';
import type { GraphSpec, NodeSpec, Shape } from '../../src/core/types';
import { gradcheck } from '../../src/engine/gradcheck';
import { gradientLeaves, graphFunction } from '../../src/engine/graphFunction';
import { relativeError } from '../../src/engine/numeric';
import { run } from '../../src/engine/run';

/** Shapes inputs are drawn from: scalars, vectors, matrices, and broadcastable pairs. */
const SHAPES: Shape[] = [[], [3], [1, 3], [2, 3], [3, 3], [3, 2], [2, 1]];
/** Values for required attrs, by attr name (not by op): every op with only these requirements is covered. */
const ATTR_VALUES: Record<string, unknown> = { index: 1, p: 3, shape: [-1], by: -1.5 };

interface Form {
  shapes: Shape[];
  attrs: Record<string, unknown>;
}

const attrNames = (op: AnyOp): string[] => {
  const shape = (op.attrs as unknown as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
};

/** Every input-shape combination (arity ≤ 3) the op's shape rule accepts, with its attrs. */
function formsOf(op: AnyOp): Form[] {
  // Defaults where the op has them; the shared values only for attrs it requires.
  const required: Record<string, unknown> = {};
  for (const k of attrNames(op)) if (k in ATTR_VALUES && !op.attrs?.safeParse({}).success) required[k] = ATTR_VALUES[k];
  const attrs = op.attrs?.safeParse({}).success ? {} : required;
  const parsed = op.attrs ? op.attrs.safeParse(attrs) : { success: true as const, data: {} };
  if (!parsed.success) return [];
  const arity = op.variadic ? 2 : op.inputs.length;
  const forms: Form[] = [];
  const walk = (acc: Shape[]) => {
    if (acc.length === arity) {
      try {
        op.shape(acc, parsed.data);
        forms.push({ shapes: acc, attrs });
      } catch (e) {
        if (!(e instanceof ShapeError)) throw e;
      }
      return;
    }
    for (const s of SHAPES) walk([...acc, s]);
  };
  walk([]);
  return forms;
}

/** Ops a random DAG may use (bernoulli needs a cost downstream: see stochasticGraph). */
export const DAG_OPS: { op: AnyOp; forms: Form[] }[] = [...REGISTRY.values()]
  .filter((op) => op.name !== 'bernoulli')
  .map((op) => ({ op, forms: formsOf(op) }));

const zeros = (s: Shape, v: () => number): unknown =>
  s.length === 0 ? v() : Array.from({ length: s[0] as number }, () => zeros(s.slice(1), v));

export type Objective = 'sum' | 'mean' | 'scaled' | 'negated';

export interface Dag {
  spec: GraphSpec;
  /** Whether some op's VJP is deliberately not its derivative (tf.grads would differ). */
  estimator: boolean;
}

export const dag = fc
  .record({
    steps: fc.array(
      fc.record({ op: fc.nat(), form: fc.nat(), pick: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), layer: fc.boolean() }),
      {
        minLength: 1,
        maxLength: 10,
      },
    ),
    objective: fc.constantFrom<Objective>('sum', 'mean', 'scaled', 'negated'),
    seed: fc.nat(1000),
  })
  .map(({ steps, objective, seed }): Dag => {
    let a = seed + 1;
    const rnd = () => {
      a = (a * 1664525 + 1013904223) % 4294967296;
      return 0.3 + 1.4 * (a / 4294967296); // entries in (0.3, 1.7): off relu kinks and log/sqrt/div poles
    };
    const nodes: NodeSpec[] = [];
    const byShape = new Map<string, string[]>();
    const add = (n: NodeSpec, shape: Shape) => {
      nodes.push(n);
      byShape.set(shape.join('x'), [...(byShape.get(shape.join('x')) ?? []), n.id]);
    };
    let estimator = false;
    let layer = 0;
    let last = '';
    steps.forEach((s, i) => {
      const usable = DAG_OPS.filter((o) => o.forms.length);
      const { op, forms } = usable[s.op % usable.length] as (typeof usable)[number];
      const form = forms[s.form % forms.length] as Form;
      const inputs = form.shapes.map((shape, k) => {
        const have = byShape.get(shape.join('x')) ?? [];
        const pick = s.pick[k] as number;
        if (have.length && pick % 3 !== 0) return have[pick % have.length] as string; // fan-out
        const id = `x${nodes.length}`;
        add({ id, op: 'leaf', value: zeros(shape, rnd) as never, role: pick % 5 === 0 ? 'constant' : 'param' }, shape);
        return id;
      });
      if (op.straightThrough || (op.stochastic && !(op as { exactGivenSamples?: boolean }).exactGivenSamples)) estimator = true;
      if (s.layer) layer++;
      const id = `n${i}`;
      const out = op.shape(form.shapes, op.attrs ? op.attrs.parse(form.attrs) : {});
      add({ id, op: op.name, inputs, ...(Object.keys(form.attrs).length ? { attrs: form.attrs as never } : {}), layer: layer + 1 }, out);
      last = id;
    });
    nodes.push({ id: 'r', op: objective === 'mean' ? 'mean' : 'sum', inputs: [last] });
    if (objective === 'scaled') nodes.push({ id: 'J', op: 'scale', inputs: ['r'], attrs: { by: 2.5 } });
    else if (objective === 'negated') nodes.push({ id: 'J', op: 'neg', inputs: ['r'] });
    else nodes.push({ id: 'J', op: 'scale', inputs: ['r'], attrs: { by: 1 } });
    return { spec: { nodes, objectives: [{ name: 'J', node: 'J' }] }, estimator };
  });

/**
 * How a DAG's leaf gradients compared with tf.grads of the same function: `match` (relative
 * error < 1e-4 on every leaf), `rounding` (some leaf differed more, and the honest gradcheck
 * classified the difference as float32 rounding: within the noise floor of that gradient's
 * no-cancellation scale, finite differences not failing), `skipped` (the run faulted or was refused).
 */
export type TfGradsOutcome = 'match' | 'rounding' | 'skipped';

/** Leaf gradients of a program against tf.grads; throws when they differ by more than rounding. */
export function dagMatchesTfGrads(program: Program, seed: number): TfGradsOutcome {
  let t: ReturnType<typeof run>;
  try {
    t = run(program, { seed });
  } catch (e) {
    // A value an op refuses at run time (a label that is no class index) is a located refusal.
    if (e instanceof GraphError && e.problems.every((p) => p.node && p.field)) return 'skipped';
    throw e;
  }
  if (t.faults.length) return 'skipped';
  const leaves = gradientLeaves(program, 'J');
  if (!leaves.length) return 'skipped';
  const expected = tf.tidy(() =>
    tf
      .grads(graphFunction(program, 'J', leaves, seed))(
        leaves.map((id) => tf.tensor(program.nodes.get(id)?.value as Float32Array, program.nodes.get(id)?.shape)),
      )
      .map((g) => g.dataSync() as Float32Array),
  );
  const differing = leaves
    .map((id, i) => {
      const got = t.grads.get(id)?.data ?? new Float32Array((expected[i] as Float32Array).length);
      return { id, err: relativeError(got, expected[i] as Float32Array) };
    })
    .filter((d) => !(d.err < 1e-4));
  if (!differing.length) return 'match';
  // A gradient that is zero up to float32 rounding (Σ softmax; a row rescaled under layer_norm,
  // which it cancels) has no meaningful relative error. The gradcheck decides: it compares the
  // difference with the rounding the gradient's no-cancellation scale allows, and runs finite
  // differences, which fail a wrong VJP and are inconclusive where noise dominates.
  const check = gradcheck(program, { seed, objective: 'J' });
  for (const d of differing) {
    const leaf = check.leaves.find((l) => l.node === d.id);
    if (leaf?.pass !== true) {
      throw new Error(
        `leaf ${d.id}: engine vs tf.grads relative error ${d.err}; gradcheck: vsTfGrads ${leaf?.vsTfGrads}, finite differences ${leaf?.finiteDiff} (${leaf?.vsFiniteDiff})`,
      );
    }
  }
  return 'rounding';
}

/** Same seed, every checkpoint k: the same draws and bit-identical leaf gradients as k = 0. */
export function checkpointInvariant(program: Program, k: number, seed: number): void {
  let full: ReturnType<typeof run>;
  try {
    full = run(program, { seed, checkpointEvery: 0 });
  } catch (e) {
    if (e instanceof GraphError && e.problems.every((p) => p.node && p.field)) return;
    throw e;
  }
  const ck = run(program, { seed, checkpointEvery: k });
  for (const id of program.order) {
    const n = program.nodes.get(id);
    if (n?.op?.stochastic && String(ck.values.get(id)?.data) !== String(full.values.get(id)?.data))
      throw new Error(`draws of ${id} differ at k = ${k}`);
    if (!n?.op && n?.needsGrad) {
      const a = Array.from(full.grads.get(id)?.data ?? []);
      const b = Array.from(ck.grads.get(id)?.data ?? []);
      if (a.some((x, i) => !Object.is(x, b[i])) || a.length !== b.length) throw new Error(`gradient of ${id} differs at k = ${k}`);
    }
  }
}

/** Shape-preserving, and each output entry depends on its own input entry only (probed on a 3×2 input). */
function isElementwise(op: AnyOp): boolean {
  try {
    const attrs = op.attrs ? op.attrs.parse({}) : {};
    if (op.shape([[3, 2]], attrs).join() !== '3,2') return false;
    const ctx = { rng: { uniform: () => 0.5, normal: () => 0 }, value: () => tf.scalar(0), grad: () => tf.scalar(0) };
    const [a, b] = tf.tidy(() => [
      Array.from(op.forward([tf.tensor([0.3, 0.7, 1.1, 0.2, 0.5, 1.3], [3, 2])], attrs, ctx).dataSync()),
      Array.from(op.forward([tf.tensor([0.9, 0.7, 1.1, 0.2, 0.5, 1.3], [3, 2])], attrs, ctx).dataSync()),
    ]);
    return a[0] !== b[0] && a.slice(1).every((v, i) => v === b[i + 1]);
  } catch {
    return false;
  }
}

/** A Bernoulli layer: θ [n] → z [S, n] → cost c = f(z) (random shape-preserving ops) → objective. */
export const stochasticGraph = fc
  .record({
    n: fc.integer({ min: 1, max: 2 }),
    theta: fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), { minLength: 2, maxLength: 2 }),
    chain: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    objective: fc.constantFrom<Objective>('sum', 'mean', 'scaled', 'negated'),
    baseline: fc.boolean(),
  })
  .map(({ n, theta, chain, objective, baseline }) => {
    const S = 400;
    const unary = DAG_OPS.filter((o) => !o.op.stochastic && !o.op.straightThrough && o.op.inputs.length === 1 && !o.op.variadic).filter(
      (o) => o.forms.some((f) => f.shapes[0]?.join() === '2,3'),
    );
    const elementwise = unary.filter((o) => isElementwise(o.op));
    const nodes: NodeSpec[] = [
      { id: 'theta', op: 'leaf', value: theta.slice(0, n).map(Math.fround), role: 'param' },
      {
        id: 'z',
        op: 'bernoulli',
        inputs: ['theta'],
        attrs: { samples: S, cost: 'c', estimator: baseline ? 'reinforce_baseline' : 'reinforce' },
        layer: 1,
      },
    ];
    let prev = 'z';
    chain.forEach((c, i) => {
      const o = elementwise[c % elementwise.length] as (typeof elementwise)[number];
      const id = i === chain.length - 1 ? 'c' : `f${i}`;
      nodes.push({ id, op: o.op.name, inputs: [prev], layer: i + 2 });
      prev = id;
    });
    const scale = objective === 'sum' ? 1 : objective === 'mean' ? 1 / (S * n) : objective === 'scaled' ? 2.5 : -1 / (S * n);
    nodes.push({ id: 'r', op: objective === 'sum' || objective === 'scaled' ? 'sum' : 'mean', inputs: ['c'] });
    nodes.push({
      id: 'J',
      op: objective === 'scaled' ? 'scale' : objective === 'negated' ? 'neg' : 'scale',
      inputs: ['r'],
      ...(objective === 'negated' ? {} : { attrs: { by: objective === 'scaled' ? 2.5 : 1 } }),
    });
    return { spec: { nodes, objectives: [{ name: 'J', node: 'J' }] } as GraphSpec, n, S, scale, baseline };
  });

/**
 * The estimate against the analytic expectation, exactly. The cost is elementwise in z, so
 * cᵢ = f0 or f1 (Δ = f1 − f0), and with a = ∂J/∂cᵢ and K the number of ones among unit j's S
 * draws, the two estimators are closed forms in K:
 *   plain REINFORCE   a·Σ cᵢ(zᵢ − p)        = a·(f1(1 − p)K − f0·p(S − K))
 *   leave-one-out     a·Σ (cᵢ − bᵢ)(zᵢ − p) = a·Δ·K(S − K)/(S − 1)   (bᵢ = (Σc − cᵢ)/(S − 1))
 * The engine's estimate must equal its closed form for the draws it made (to float32 rounding),
 * and the closed form's expectation over K ~ Binomial(S, p), summed exactly, must be the true
 * gradient a·S·p(1 − p)·Δ: unbiasedness proved for every S, with no statistical slack (a
 * 6-standard-error bound failed honest estimates: the leave-one-out estimate at p = ½ is skewed).
 */
export function estimatorMatchesExpectation(
  g: { spec: GraphSpec; n: number; S: number; scale: number; baseline: boolean },
  seed: number,
): void {
  const program = compile(g.spec);
  const t = run(program, { seed });
  const z = t.values.get('z')?.data as Float32Array;
  const c = t.values.get('c')?.data as Float32Array;
  const theta = t.values.get('theta')?.data as Float32Array;
  const grad = t.grads.get('theta')?.data as Float32Array;
  const S = g.S;
  for (let j = 0; j < g.n; j++) {
    const p = 1 / (1 + Math.exp(-(theta[j] as number)));
    // f0, f1 from this run's costs; a unit whose draws were all alike shows only one of them.
    let f0 = Number.NaN;
    let f1 = Number.NaN;
    let K = 0;
    for (let i = 0; i < S; i++) {
      const zi = z[i * g.n + j] as number;
      if (zi === 1) {
        K++;
        f1 = c[i * g.n + j] as number;
      } else f0 = c[i * g.n + j] as number;
    }
    if (!Number.isFinite(f0) || !Number.isFinite(f1)) continue;
    const a = g.scale;
    const closed = (k: number) => (g.baseline ? (a * (f1 - f0) * k * (S - k)) / (S - 1) : a * (f1 * (1 - p) * k - f0 * p * (S - k)));
    const got = grad[j] as number;
    // float32 rounding of a sum of S terms, each at most |a|·max|f| in size.
    const rounding = 1e-4 * Math.abs(a) * S * Math.max(Math.abs(f0), Math.abs(f1), 1) + 1e-6;
    if (!(Math.abs(got - closed(K)) <= rounding))
      throw new Error(`θ[${j}]: estimate ${got}, its closed form for K = ${K} of ${S} ones is ${closed(K)}`);
    let mean = 0;
    let logBinom = 0; // log C(S, k)
    for (let k = 0; k <= S; k++) {
      if (k > 0) logBinom += Math.log((S - k + 1) / k);
      mean += Math.exp(logBinom + k * Math.log(p) + (S - k) * Math.log1p(-p)) * closed(k);
    }
    const truth = a * S * p * (1 - p) * (f1 - f0);
    if (!(Math.abs(mean - truth) <= 1e-9 * Math.max(Math.abs(truth), Math.abs(a) * S))) {
      throw new Error(`θ[${j}]: the estimator's expectation ${mean} is not the gradient ${truth}`);
    }
  }
}
