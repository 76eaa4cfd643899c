import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/core/compile';
import { vjpArgs } from '../../../src/core/op';
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
      const g = (op.vjp(vjpArgs(op, [xt], y, dy, {}), opContext())[0] as () => tf.Tensor)();
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

describe('bernoulli: the REINFORCE VJP, by the chain rule', () => {
  const op = opNamed('bernoulli');

  /** Σᵢ ḡᵢ (fᵢ − bᵢ)(zᵢ − σ(θ)) per θ entry, by hand; b(f, i, j) is sample i's baseline. */
  function byHand(theta: number[], z: number[], f: number[], g: number[], b: (f: number[], i: number, j: number) => number): number[] {
    const P = theta.length;
    const N = z.length / P;
    return theta.map((t, j) => {
      let s = 0;
      for (let i = 0; i < N; i++)
        s += (g[i * P + j] as number) * ((f[i * P + j] as number) - b(f, i, j)) * ((z[i * P + j] as number) - sigma(t));
      return s;
    });
  }
  const P = 2;
  const N = 40;
  const looOf = (f: number[], i: number, j: number) => {
    let total = 0;
    for (let k = 0; k < N; k++) total += f[k * P + j] as number;
    return (total - (f[i * P + j] as number)) / (N - 1);
  };

  it.each([
    ['reinforce', {}, () => 0],
    ['reinforce_baseline, leave-one-out b', { estimator: 'reinforce_baseline' }, looOf],
    ['reinforce_baseline, b = 0.3', { estimator: 'reinforce_baseline', baseline: 0.3 }, () => 0.3],
  ] as const)('%s: Σ ḡ (f(z) − b)(z − σ(θ)) over samples, ḡ the cost’s upstream gradient', (_, extra, b) => {
    const theta = [0.4, -0.8];
    const attrs = parseAttrs(op, { samples: N, cost: 'L', ...(extra as Record<string, AttrValue>) });
    const before = tf.memory().numTensors;
    const { g, z, f, gl } = tf.tidy(() => {
      const th = tf.tensor(theta);
      const zt = op.forward([th], attrs, opContext(5));
      const ft = tf.add(tf.mul(zt, 2), tf.randomUniform(zt.shape, 0, 1, 'float32', 3));
      const glt = tf.randomNormal(zt.shape, 0, 1, 'float32', 4);
      const ctx = opContext(5, { L: ft }, { L: glt });
      // ȳ is never read: a pathwise derivative through a discrete draw means nothing.
      const gt = (op.vjp(vjpArgs(op, [th], zt, tf.fill(zt.shape, Number.NaN), attrs), ctx)[0] as () => tf.Tensor)();
      return { g: gt.dataSync(), z: Array.from(zt.dataSync()), f: Array.from(ft.dataSync()), gl: Array.from(glt.dataSync()) };
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(relativeError(g, byHand(theta, z, f, gl, b))).toBeLessThan(1e-5);
  });

  it('leave-one-out needs two samples: refused at compile, located', () => {
    expect(() =>
      compile({
        nodes: [
          { id: 't', op: 'leaf', value: 0, role: 'param' },
          { id: 'z', op: 'bernoulli', inputs: ['t'], attrs: { samples: 1, cost: 'L', estimator: 'reinforce_baseline' } },
          { id: 'L', op: 'square', inputs: ['z'] },
          { id: 'J', op: 'sum', inputs: ['L'] },
        ],
        objectives: [{ name: 'J', node: 'J' }],
      }),
    ).toThrow(/node "z", field "attrs.baseline": .*at least 2 samples/);
  });

  /** θ → z = bernoulli(θ) → L = z² → J = objective(L): ∇θ E[L] = σ′(θ) per sample. */
  function graph(theta: number, samples: number, estimator: string, objective: 'sum' | 'mean' | 'neg_mean' | 'three_mean') {
    const tail =
      objective === 'sum'
        ? [{ id: 'J', op: 'sum', inputs: ['L'] }]
        : objective === 'mean'
          ? [{ id: 'J', op: 'mean', inputs: ['L'] }]
          : [
              { id: 'm', op: 'mean', inputs: ['L'] },
              objective === 'neg_mean' ? { id: 'J', op: 'neg', inputs: ['m'] } : { id: 'J', op: 'scale', inputs: ['m'], attrs: { by: 3 } },
            ];
    return compile({
      nodes: [
        { id: 'theta', op: 'leaf', value: theta, role: 'param' },
        { id: 'z', op: 'bernoulli', inputs: ['theta'], attrs: { samples, cost: 'L', estimator } },
        { id: 'L', op: 'square', inputs: ['z'] },
        ...tail,
      ],
      objectives: [{ name: 'J', node: 'J' }],
    });
  }
  const gradAt = (program: ReturnType<typeof graph>, seed: number) =>
    execute(program, { seedNode: 'J', seed }).grads.get('theta')?.data[0] as number;
  /** Mean and standard error of the estimate over independent seeds. */
  function overSeeds(program: ReturnType<typeof graph>, runs: number, from = 100): { mean: number; se: number } {
    const xs = Array.from({ length: runs }, (_, s) => gradAt(program, from + s));
    const mean = xs.reduce((a, b) => a + b, 0) / runs;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (runs - 1);
    return { mean, se: Math.sqrt(variance / runs) };
  }

  it.each([
    ['sum', 'reinforce', 50],
    ['mean', 'reinforce', 1],
    ['neg_mean', 'reinforce', -1],
    ['three_mean', 'reinforce', 3],
    ['sum', 'reinforce_baseline', 50],
    ['neg_mean', 'reinforce_baseline', -1],
    ['three_mean', 'reinforce_baseline', 3],
  ] as const)('J = %s over N = 50 Bernoulli costs (%s): dJ/dθ within 5 standard errors of %d·σ′(θ)', (objective, estimator, factor) => {
    const theta = 0.3;
    const p = sigma(theta);
    const { mean, se } = overSeeds(graph(theta, 50, estimator, objective), 200);
    expect(se).toBeGreaterThan(0);
    expect(Math.abs(mean - factor * p * (1 - p))).toBeLessThan(5 * se);
    // …and far from the old answer σ′(θ) whenever the factor is not 1 (the test can fail).
    if (factor !== 1) expect(Math.abs(mean - p * (1 - p))).toBeGreaterThan(5 * se);
  });

  it('the leave-one-out baseline is unbiased at N = 2, where the batch-mean baseline gives half the truth', () => {
    const theta = 0.3;
    const p = sigma(theta);
    const truth = p * (1 - p);
    const program = graph(theta, 2, 'reinforce_baseline', 'mean');
    const runs = 3000;
    const xs: number[] = [];
    const biased: number[] = [];
    for (let s = 0; s < runs; s++) {
      const r = execute(program, { seedNode: 'J', seed: 7000 + s });
      xs.push(r.grads.get('theta')?.data[0] as number);
      // What a batch-mean baseline (own cost included) would give on the same draws.
      const z = Array.from(r.values.get('z')?.data ?? []);
      const m = (z[0] as number) ** 2 / 2 + (z[1] as number) ** 2 / 2;
      biased.push(z.reduce((a, zi) => a + ((zi * zi - m) * (zi - p)) / 2, 0));
    }
    const stats = (v: number[]) => {
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      return { mean, se: Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1) / v.length) };
    };
    const loo = stats(xs);
    const mb = stats(biased);
    expect(Math.abs(loo.mean - truth)).toBeLessThan(5 * loo.se);
    expect(Math.abs(mb.mean - truth / 2)).toBeLessThan(5 * mb.se);
    expect(Math.abs(mb.mean - truth)).toBeGreaterThan(5 * mb.se);
  });

  it('refuses an objective that depends on the samples other than through the cost', () => {
    const program = compile({
      nodes: [
        { id: 'theta', op: 'leaf', value: 0.1, role: 'param' },
        { id: 'z', op: 'bernoulli', inputs: ['theta'], attrs: { samples: 4, cost: 'L' } },
        { id: 'L', op: 'square', inputs: ['z'] },
        { id: 'u', op: 'add', inputs: ['L', 'z'] },
        { id: 'J', op: 'sum', inputs: ['u'] },
      ],
      objectives: [{ name: 'J', node: 'J' }],
    });
    expect(() => run(program)).toThrow(/node "z", field "attrs.cost": the objective "J" depends on the samples other than through "L"/);
  });

  it('does not leak tensors across repeated runs', () => {
    const program = graph(0.2, 50, 'reinforce_baseline', 'mean');
    gradAt(program, 0);
    const before = tf.memory().numTensors;
    for (let s = 1; s < 4; s++) gradAt(program, s);
    expect(tf.memory().numTensors).toBe(before);
  });
});
