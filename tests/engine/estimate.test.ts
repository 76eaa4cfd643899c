import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/core/compile';
import { GraphError } from '../../src/core/errors';
import type { NodeSpec } from '../../src/core/types';
import { estimate } from '../../src/engine/estimate';
import { execute } from '../../src/engine/execute';
import { relativeError } from '../../src/engine/numeric';
import { run } from '../../src/engine/run';
import { L, N, spec } from '../helpers';

const sigma = (t: number) => 1 / (1 + Math.exp(-t));

/** θ → z ~ Bern(σ(θ)) → cost nodes → J = mean(cost). */
function bernoulliGraph(theta: number | number[], costNodes: NodeSpec[], attrs: NodeSpec['attrs'] = {}) {
  const cost = costNodes.at(-1)?.id ?? 'L';
  return compile(
    spec([
      L('theta', theta, 'param'),
      N('z', 'bernoulli', ['theta'], { samples: 1000, cost, ...attrs }),
      ...costNodes,
      N('J', 'mean', [cost]),
    ]),
  );
}

const squareCost = [N('L', 'square', ['z'])];

function expectGraphError(f: () => unknown, where: { node?: string; field: string }, message: RegExp) {
  try {
    f();
    expect.unreachable('expected a GraphError');
  } catch (e) {
    expect(e).toBeInstanceOf(GraphError);
    expect((e as GraphError).problems[0]).toMatchObject(where);
    expect((e as GraphError).problems[0]?.message).toMatch(message);
  }
}

describe('estimate', () => {
  it.each([0.5, -1.3, 2.2])('analytic gradient of E[z²] is σ(θ)(1 − σ(θ)) at θ = %f', (theta) => {
    const e = estimate(bernoulliGraph(theta, squareCost), { node: 'z', seed: 1 });
    const t = Math.fround(theta); // the leaf is stored in float32
    expect(e.analytic).toBeCloseTo(sigma(t) * (1 - sigma(t)), 12);
    expect([e.cost0, e.cost1]).toEqual([0, 1]);
  });

  it('reads f(0) and f(1) through the graph for any per-sample cost', () => {
    // f(z) = 3z + 1 − z² … written with ops: f(0) = 1, f(1) = 3.
    const cost = [
      N('z3', 'scale', ['z'], { by: 3 }),
      N('z2', 'square', ['z']),
      N('a', 'sub', ['z3', 'z2']),
      L('one', 1, 'constant'),
      N('f', 'add', ['a', 'one']),
    ];
    const e = estimate(bernoulliGraph(-0.7, cost), { node: 'z', seed: 3 });
    const p = sigma(Math.fround(-0.7));
    expect([e.cost0, e.cost1]).toEqual([1, 3]);
    expect(e.analytic).toBeCloseTo(p * (1 - p) * 2, 12);
    expect(e.baseline).toBeCloseTo(p * 3 + (1 - p) * 1, 12);
  });

  it('per-sample values are (f(z_i) − b)(z_i − σ(θ)) on the trace’s own draws', () => {
    const program = bernoulliGraph(0.5, squareCost);
    const e = estimate(program, { node: 'z', seed: 11 });
    const z = execute(program, { seedNode: 'J', seed: 11, forwardOnly: true }).values.get('z')?.data as Float32Array;
    const p = sigma(0.5);
    expect(e.samples.reinforce).toEqual(Array.from(z, (zi) => zi * zi * (zi - p)));
    expect(e.samples.reinforce_baseline).toEqual(Array.from(z, (zi) => (zi * zi - p) * (zi - p)));
    const mean = e.samples.reinforce.reduce((a, b) => a + b, 0) / z.length;
    expect(e.reinforce).toBeCloseTo(mean, 14);
    expect(e.variance_reinforce).toBeCloseTo(e.samples.reinforce.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length, 14);
  });

  it('agrees with the bernoulli node’s own VJP in the trace (same seed, same draws)', () => {
    const plain = bernoulliGraph(0.5, squareCost, { estimator: 'reinforce' });
    const traced = run(plain, { seed: 5 }).grads.get('theta')?.data as Float32Array;
    expect(relativeError(traced, [estimate(plain, { node: 'z', seed: 5 }).reinforce])).toBeLessThan(1e-5);
    const loo = bernoulliGraph(0.5, squareCost, { estimator: 'reinforce_baseline', baseline: 'leave_one_out' });
    const tracedLoo = run(loo, { seed: 5 }).grads.get('theta')?.data as Float32Array;
    const e = estimate(loo, { node: 'z', seed: 5, baseline: 'leave_one_out' });
    expect(relativeError(tracedLoo, [e.reinforce_baseline])).toBeLessThan(1e-4);
    expect(estimate(loo, { node: 'z', seed: 5, baseline: 0.25 }).baseline).toBe(0.25);
  });

  it('overrides the sample count; variances approach σ(1−σ)³ and the baseline’s exact value', () => {
    const e = estimate(bernoulliGraph(0.5, squareCost), { node: 'z', seed: 7, samples: 100000 });
    expect(e.samples.reinforce).toHaveLength(100000);
    const p = sigma(0.5);
    const q = 1 - p;
    expect(Math.abs(e.reinforce - p * q)).toBeLessThan(0.005); // 5 standard errors
    expect(e.variance_reinforce / (p * q ** 3)).toBeCloseTo(1, 1);
    expect(e.variance_baseline / (p * q ** 4 + q * p ** 4 - (p * q) ** 2)).toBeCloseTo(1, 1);
  });

  it('rejects what the enumeration cannot handle, naming node and field', () => {
    const program = bernoulliGraph(0.5, squareCost);
    expectGraphError(() => estimate(program, { node: 'nope', seed: 0 }), { node: 'nope', field: 'node' }, /no such node/);
    expectGraphError(() => estimate(program, { node: 'L', seed: 0 }), { node: 'L', field: 'op' }, /needs a bernoulli node/);
    const vector = compile(
      spec([
        L('theta', [0.1, 0.2], 'param'),
        N('z', 'bernoulli', ['theta'], { samples: 10, cost: 'L' }),
        N('L', 'square', ['z']),
        N('J', 'mean', ['L']),
      ]),
    );
    expectGraphError(() => estimate(vector, { node: 'z', seed: 0 }), { node: 'z', field: 'inputs[0]' }, /single scalar logit/);
    const direct = bernoulliGraph(0.5, [N('L', 'mul', ['z', 'theta'])]);
    expectGraphError(() => estimate(direct, { node: 'z', seed: 0 }), { node: 'z', field: 'attrs.cost' }, /other than through "z"/);
    const mixed = bernoulliGraph(0.5, [N('m', 'mean', ['z']), N('L', 'sub', ['z', 'm'])]);
    expectGraphError(() => estimate(mixed, { node: 'z', seed: 0 }), { node: 'z', field: 'attrs.cost' }, /per-sample function/);
    const twoDraws = bernoulliGraph(0.5, [
      L('phi', 0, 'constant'),
      N('u', 'bernoulli', ['phi'], { samples: 1000, cost: 'L' }),
      N('L', 'add', ['z', 'u']),
    ]);
    expectGraphError(() => estimate(twoDraws, { node: 'z', seed: 0 }), { node: 'z', field: 'attrs.cost' }, /another random node "u"/);
    // A cost that is not one value per sample is refused already by compile.
    expectGraphError(
      () => bernoulliGraph(0.5, [N('L', 'mean', ['z'])]),
      { node: 'z', field: 'attrs.cost' },
      /expected \[1000\] like this node/,
    );
  });

  it('leaks no tensors', () => {
    const program = bernoulliGraph(0.5, squareCost);
    estimate(program, { node: 'z', seed: 0 });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) estimate(program, { node: 'z', seed: i });
    expect(tf.memory().numTensors).toBe(before);
  });
});
