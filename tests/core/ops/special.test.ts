import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/core/compile';
import { ShapeError } from '../../../src/core/errors';
import { makeRng } from '../../../src/core/random';
import type { AttrValue } from '../../../src/core/types';
import { execute } from '../../../src/engine/execute';
import { relativeError } from '../../../src/engine/numeric';
import { run } from '../../../src/engine/run';
import { arg, awayFromHalf, FAMILIES, finiteDiffVjp, opContext, opNamed, parseAttrs } from './_check';

const sigma = (t: number) => 1 / (1 + Math.exp(-t));

it('covers the whole family', () => {
  expect(FAMILIES.special).toEqual(['round_ste', 'bernoulli']);
});

describe('round_ste: straight-through, deliberately not the derivative of round', () => {
  const op = opNamed('round_ste');

  it('rounds half to even, like np.round', () => {
    const y = tf.tidy(() => op.forward([tf.tensor([0.5, 1.5, 2.5, -1.5, 0.7, -0.2])], {}, opContext()).dataSync());
    expect(Array.from(y)).toEqual([0, 2, 2, -2, 1, -0]);
  });

  it.each([[[]], [[5]], [[3, 4]]] as const)('VJP is exactly ȳ (identity) at %j, while tf.grads of round is 0', (shape) => {
    const x = arg(makeRng(3), shape as unknown as number[], awayFromHalf);
    const dyData = arg(makeRng(4), shape as unknown as number[]).data;
    const before = tf.memory().numTensors;
    const [vjp, tfg] = tf.tidy(() => {
      const xt = tf.tensor(x.data, x.shape);
      const dy = tf.tensor(dyData, x.shape);
      const y = op.forward([xt], {}, opContext());
      const g = (op.vjp({ inputs: [xt], output: y, dy, attrs: {}, ctx: opContext() })[0] as () => tf.Tensor)();
      const t = tf.grads((a: tf.Tensor) => op.forward([a], {}, opContext()))([xt], dy)[0] as tf.Tensor;
      return [g.dataSync(), t.dataSync()];
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(vjp)).toEqual(Array.from(dyData));
    expect(Array.from(tfg).every((v) => v === 0)).toBe(true);
    // The true derivative away from the jumps is 0, and finite differences agree with tf.grads.
    expect(Array.from(finiteDiffVjp(op, {}, [x], 0, dyData)).every((v) => v === 0)).toBe(true);
  });

  it('through the engine: ∂L/∂w = round(w) − t for L = ½‖round(w) − t‖² (the STE rule of notebook Ex 8d)', () => {
    // round(w) = [1, 2, 0, 2, −1] misses t in two places: L = 1, and STE sends the residual to w.
    const w = [0.7, 1.6, -0.4, 2.1, -1.2];
    const t = [1, 1, 0, 2, -2];
    const program = compile({
      nodes: [
        { id: 'w', op: 'leaf', value: w, role: 'param' },
        { id: 't', op: 'leaf', value: t, role: 'constant' },
        { id: 'wq', op: 'round_ste', inputs: ['w'] },
        { id: 'L', op: 'half_squared_error', inputs: ['wq', 't'] },
      ],
      objectives: [{ name: 'L', node: 'L' }],
    });
    const trace = run(program);
    expect(trace.values.get('L')?.data[0]).toBeCloseTo(1, 6);
    // (+ 0 turns round(−0.4) − 0 = −0 into 0)
    expect(Array.from(trace.grads.get('w')?.data ?? [], (g) => g + 0)).toEqual([0, 1, 0, 0, 1]);
  });
});

describe('bernoulli: sampling', () => {
  const op = opNamed('bernoulli');
  const sample = (theta: number[], samples: number, seed: number) =>
    tf.tidy(() => {
      const z = op.forward([tf.tensor(theta)], parseAttrs(op, { samples, cost: 'L' }), opContext(seed));
      return { shape: z.shape, data: Array.from(z.dataSync()) };
    });

  it('draws 0/1 with frequency σ(θ) per component (within 4 binomial standard deviations)', () => {
    const theta = [-1, 0, 1.5];
    const N = 4000;
    const z = sample(theta, N, 7);
    expect(z.shape).toEqual([N, 3]);
    expect(z.data.every((v) => v === 0 || v === 1)).toBe(true);
    theta.forEach((t, j) => {
      let ones = 0;
      for (let i = 0; i < N; i++) ones += z.data[i * 3 + j] as number;
      const p = sigma(t);
      expect(Math.abs(ones / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
    });
  });

  it('is deterministic for a fixed seed and differs for another', () => {
    expect(sample([0.2, -0.3], 50, 11)).toEqual(sample([0.2, -0.3], 50, 11));
    expect(sample([0.2, -0.3], 50, 11).data).not.toEqual(sample([0.2, -0.3], 50, 12).data);
  });

  it('adds a leading samples axis: shape [samples, ...θ]', () => {
    expect(op.shape([[]], parseAttrs(op, { samples: 6, cost: 'L' }))).toEqual([6]);
    expect(op.shape([[2, 3]], parseAttrs(op, { cost: 'L' }))).toEqual([1, 2, 3]);
  });
});

describe('bernoulli: the REINFORCE VJP', () => {
  const op = opNamed('bernoulli');

  /** The estimator's value for given samples z and costs f, by hand. */
  function byHand(theta: number[], z: number[], f: number[], b: (f: number[]) => number): number[] {
    const P = theta.length;
    const N = z.length / P;
    const base = b(f);
    return theta.map((t, j) => {
      let s = 0;
      for (let i = 0; i < N; i++) s += ((f[i * P + j] as number) - base) * ((z[i * P + j] as number) - sigma(t));
      return s / N;
    });
  }

  it.each([
    ['reinforce', {}, () => 0],
    ['reinforce_baseline, b = mean cost', { estimator: 'reinforce_baseline' }, (f: number[]) => f.reduce((a, c) => a + c, 0) / f.length],
    ['reinforce_baseline, b = 0.3', { estimator: 'reinforce_baseline', baseline: 0.3 }, () => 0.3],
  ] as const)('%s: mean of (f(z) − b)(z − σ(θ)) over samples', (_, extra, b) => {
    const theta = [0.4, -0.8];
    const attrs = parseAttrs(op, { samples: 40, cost: 'L', ...(extra as Record<string, AttrValue>) });
    const before = tf.memory().numTensors;
    const { g, z, f } = tf.tidy(() => {
      const th = tf.tensor(theta);
      const zt = op.forward([th], attrs, opContext(5));
      const ft = tf.add(tf.mul(zt, 2), tf.randomUniform(zt.shape, 0, 1, 'float32', 3));
      const ctx = opContext(5, { L: ft });
      const gt = (op.vjp({ inputs: [th], output: zt, dy: tf.onesLike(zt), attrs, ctx })[0] as () => tf.Tensor)();
      return { g: gt.dataSync(), z: Array.from(zt.dataSync()), f: Array.from(ft.dataSync()) };
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(relativeError(g, byHand(theta, z, f, b))).toBeLessThan(1e-5);
  });

  it('a cost of the wrong shape is an error naming attrs.cost', () => {
    const attrs = parseAttrs(op, { samples: 4, cost: 'L' });
    tf.tidy(() => {
      const th = tf.tensor([0.1]);
      const z = op.forward([th], attrs, opContext());
      const ctx = opContext(0, { L: tf.zeros([4]) });
      const thunk = op.vjp({ inputs: [th], output: z, dy: tf.onesLike(z), attrs, ctx })[0] as () => tf.Tensor;
      let err: unknown;
      try {
        thunk();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ShapeError);
      expect((err as ShapeError).field).toBe('attrs.cost');
    });
  });

  /** θ → z = bernoulli(θ) → L = z² → J = mean(L): ∇θ E[J] = σ(θ)(1 − σ(θ)) (notebook Ex 8a). */
  function reinforceGraph(theta: number, samples: number, estimator: string) {
    return compile({
      nodes: [
        { id: 'theta', op: 'leaf', value: theta, role: 'param' },
        { id: 'z', op: 'bernoulli', inputs: ['theta'], attrs: { samples, cost: 'L', estimator } },
        { id: 'L', op: 'square', inputs: ['z'] },
        { id: 'J', op: 'mean', inputs: ['L'] },
      ],
      objectives: [{ name: 'J', node: 'J' }],
    });
  }
  const estimate = (program: ReturnType<typeof reinforceGraph>, seed: number) =>
    execute(program, { seedNode: 'J', seed }).grads.get('theta')?.data[0] as number;

  it.each([
    [0.5, 'reinforce'],
    [0.5, 'reinforce_baseline'],
    [-0.5, 'reinforce'],
    [-0.5, 'reinforce_baseline'],
  ] as const)('θ = %d, %s: converges to σ(θ)(1 − σ(θ)) within 4 standard errors', (theta, estimator) => {
    const N = 20_000;
    const program = reinforceGraph(theta, N, estimator);
    const trace = run(program, { seed: 2024 });
    const g = trace.grads.get('theta')?.data[0] as number;
    const z = trace.values.get('z')?.data as Float32Array;
    const p = sigma(theta);
    // Standard error from the per-sample terms the estimator averages.
    const zbar = z.reduce((a, b) => a + b, 0) / N;
    const b = estimator === 'reinforce' ? 0 : zbar;
    const terms = Array.from(z, (zi) => (zi * zi - b) * (zi - p));
    const m = terms.reduce((a, c) => a + c, 0) / N;
    const se = Math.sqrt(terms.reduce((a, c) => a + (c - m) ** 2, 0) / (N - 1) / N);
    expect(g).toBeCloseTo(m, 5);
    expect(Math.abs(g - p * (1 - p))).toBeLessThan(4 * se);
  });

  /** Variance of the estimate over independent seeds. */
  function spread(theta: number, estimator: string): { mean: number; variance: number } {
    const program = reinforceGraph(theta, 100, estimator);
    const xs = Array.from({ length: 80 }, (_, s) => estimate(program, 100 + s));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return { mean, variance: xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) };
  }

  it('the mean baseline lowers the variance where σ(θ) < 2/3 (θ = −0.5: per-sample 0.091 → 0.014)', () => {
    const plain = spread(-0.5, 'reinforce');
    const base = spread(-0.5, 'reinforce_baseline');
    expect(base.variance).toBeLessThan(0.4 * plain.variance);
  });

  it('…and raises it where σ(θ) > 2/3 (θ = 1.5: per-sample 0.0049 → 0.060): a baseline is not free', () => {
    const plain = spread(1.5, 'reinforce');
    const base = spread(1.5, 'reinforce_baseline');
    expect(base.variance).toBeGreaterThan(3 * plain.variance);
  });

  it('does not leak tensors across repeated runs', () => {
    const program = reinforceGraph(0.2, 50, 'reinforce_baseline');
    estimate(program, 0);
    const before = tf.memory().numTensors;
    for (let s = 1; s < 4; s++) estimate(program, s);
    expect(tf.memory().numTensors).toBe(before);
  });
});
