import { ancestors } from '../core/ancestors';
import { type CompiledNode, compile, type Program } from '../core/compile';
import { GraphError } from '../core/errors';
import { showShape } from '../core/tensor';
import type { GraphSpec, NodeSpec } from '../core/types';
import { execute } from './execute';

export interface EstimateOptions {
  /** Id of the bernoulli node. */
  node: string;
  /** Draws; default the node's `samples` attr. */
  samples?: number;
  /** The run's seed: the same seed draws the same z as the trace. */
  seed: number;
  /**
   * Baseline of the second estimator: `analytic` = E[f] exactly (what the notebook uses,
   * b = σ(θ) for f = z²; the default), `leave_one_out` = bᵢ = the other samples' mean cost
   * (what the bernoulli node uses), or a number.
   */
  baseline?: 'analytic' | 'leave_one_out' | number;
}

export interface Estimates {
  analytic: number;
  /** Means of the per-sample estimators. */
  reinforce: number;
  reinforce_baseline: number;
  /** Population variances (ddof 0, like np.var) of the per-sample estimators. */
  variance_reinforce: number;
  variance_baseline: number;
  /** The b used by reinforce_baseline (leave-one-out: the mean of the bᵢ). */
  baseline: number;
  /** f(0) and f(1), read from the graph with z clamped. */
  cost0: number;
  cost1: number;
  /** Per-sample values f(z_i)(z_i − σ(θ)) and (f(z_i) − b)(z_i − σ(θ)). */
  samples: { reinforce: number[]; reinforce_baseline: number[] };
}

const reject = (node: string, field: string, message: string): never => {
  throw new GraphError([{ node, field, message }]);
};

function validate(program: Program, node: string): { z: CompiledNode; theta: string; cost: string } {
  const z = program.nodes.get(node);
  if (!z) return reject(node, 'node', 'no such node');
  if (z.op?.name !== 'bernoulli') return reject(node, 'op', `estimate needs a bernoulli node, this one is ${z.op?.name ?? 'a leaf'}`);
  const theta = z.inputs[0] as string;
  const thetaShape = program.nodes.get(theta)?.shape ?? [];
  if (thetaShape.length !== 0) {
    reject(node, 'inputs[0]', `estimate needs a single scalar logit θ; "${theta}" is ${showShape(thetaShape)}`);
  }
  const cost = z.attrs.cost as string;
  const costShape = program.nodes.get(cost)?.shape ?? [];
  if (costShape.length !== 1 || costShape[0] !== z.shape[0]) {
    reject(node, 'attrs.cost', `cost "${cost}" must hold one value per sample, ${showShape(z.shape)}; got ${showShape(costShape)}`);
  }
  for (const id of ancestors(program, [cost], node)) {
    if (id === theta) reject(node, 'attrs.cost', `cost "${cost}" depends on "${theta}" other than through "${node}"`);
    if (id !== node && program.nodes.get(id)?.op?.stochastic) {
      reject(node, 'attrs.cost', `cost "${cost}" depends on another random node "${id}"`);
    }
  }
  return { z, theta, cost };
}

/** The spec with z's sample count set, or with z replaced by a constant leaf. */
function withZ(spec: GraphSpec, z: string, replace: (n: NodeSpec) => NodeSpec): GraphSpec {
  return { ...spec, nodes: spec.nodes.map((n) => (n.id === z ? replace(n) : n)) };
}

/** Cost per sample with z clamped to the given draws (a constant leaf in z's place). */
function clampedCost(spec: GraphSpec, z: string, cost: string, draws: number[], seed: number): Float32Array {
  const clamped = compile(withZ(spec, z, (n) => ({ id: n.id, op: 'leaf', value: draws, role: 'constant', label: n.label })));
  return execute(clamped, { seedNode: cost, seed, forwardOnly: true }).values.get(cost)?.data as Float32Array;
}

/**
 * f(0) and f(1), read with z clamped to 0,1,0,1…, to all ones and to all zeros. Every sample must
 * give the same f for the same draw: a cost that mixes samples (z − mean z, say) is rejected.
 */
function endpoints(spec: GraphSpec, z: string, cost: string, samples: number, seed: number): { f0: number; f1: number } {
  const ends = { f0: Number.NaN, f1: Number.NaN };
  const patterns = [(i: number) => i % 2, () => 1, () => 0];
  for (const pattern of patterns) {
    const draws = Array.from({ length: samples }, (_, i) => pattern(i));
    const c = clampedCost(spec, z, cost, draws, seed);
    draws.forEach((d, i) => {
      const key = d === 0 ? 'f0' : 'f1';
      const v = c[i] as number;
      if (Number.isNaN(ends[key])) ends[key] = v;
      else if (!(Math.abs(v - ends[key]) <= 1e-6 * Math.max(1, Math.abs(v)))) {
        reject(z, 'attrs.cost', `cost "${cost}" must be a per-sample function f(z_i) of each draw alone`);
      }
    });
  }
  return ends;
}

const meanOf = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const varianceOf = (xs: number[]): number => {
  const m = meanOf(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length;
};

/**
 * Score-function (REINFORCE) statistics for one `bernoulli` node z ~ Bernoulli(σ(θ)) whose
 * per-sample cost f(z) is the node named by its `cost` attr.
 *
 * Assumptions (other graphs are rejected with a located GraphError):
 *  - θ, the node's input, is a single scalar logit, so z and the cost are vectors [samples];
 *  - f depends on θ only through z (no other path from θ to the cost) and on nothing random
 *    but z, and each f(z_i) reads only its own draw z_i.
 * Then E[f] = σ(θ) f(1) + (1 − σ(θ)) f(0), whose exact derivative is σ(θ)(1 − σ(θ))(f(1) − f(0)):
 * the "analytic" value, found by evaluating the graph with z clamped (to 0,1,0,1…, all ones and
 * all zeros, which also exposes a cost that mixes samples).
 */
export function estimate(program: Program, o: EstimateOptions): Estimates {
  const { z, theta, cost } = validate(program, o.node);
  const samples = o.samples ?? (z.attrs.samples as number);
  const spec = withZ(program.spec, o.node, (n) => ({ ...n, attrs: { ...n.attrs, samples } }));

  const ends = endpoints(spec, o.node, cost, samples, o.seed);

  // The draws themselves: the same seed gives the trace's z.
  const sampled = execute(compile(spec), { seedNode: cost, seed: o.seed, forwardOnly: true });
  const th = sampled.values.get(theta)?.data[0] as number;
  const p = 1 / (1 + Math.exp(-th));
  const zs = sampled.values.get(o.node)?.data as Float32Array;
  const fs = sampled.values.get(cost)?.data as Float32Array;
  const expected = p * ends.f1 + (1 - p) * ends.f0;
  const total = fs.reduce((a, f) => a + f, 0);
  const baselineOf = (i: number): number =>
    o.baseline === 'leave_one_out' ? (total - (fs[i] as number)) / (samples - 1) : typeof o.baseline === 'number' ? o.baseline : expected;
  if (o.baseline === 'leave_one_out' && samples < 2) reject(o.node, 'attrs.samples', 'leave_one_out needs at least 2 samples');

  const reinforce: number[] = [];
  const withBaseline: number[] = [];
  let bSum = 0;
  for (let i = 0; i < samples; i++) {
    const score = (zs[i] as number) - p; // ∂ log p(z_i | θ) / ∂θ
    const bi = baselineOf(i);
    bSum += bi;
    reinforce.push((fs[i] as number) * score);
    withBaseline.push(((fs[i] as number) - bi) * score);
  }
  const b = bSum / samples;
  return {
    analytic: p * (1 - p) * (ends.f1 - ends.f0),
    reinforce: meanOf(reinforce),
    reinforce_baseline: meanOf(withBaseline),
    variance_reinforce: varianceOf(reinforce),
    variance_baseline: varianceOf(withBaseline),
    baseline: b,
    cost0: ends.f0,
    cost1: ends.f1,
    samples: { reinforce, reinforce_baseline: withBaseline },
  };
}
