import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ex10 } from '../../graphs/ex10-attention-scores';
import { compile } from '../../src/core/compile';
import { makeRng } from '../../src/core/random';
import { runExercise } from '../../src/engine/exercise';
import { relativeError } from '../../src/engine/numeric';

type Matrix = number[][];

// The notebook's data and printout.
const q = [0.5, -0.4];
const K = [
  [0.2, 0.1],
  [-0.3, 0.7],
  [0.8, -0.2],
];
const V = [
  [1.0, 0.0],
  [0.5, -0.5],
  [-0.2, 0.3],
];
const c = [0.7, -0.1];
const NOTEBOOK = {
  a: [0.3275503, 0.23163418, 0.44081552],
  grad_q: [-0.09051822, 0.05403006],
  grad_K: [
    [0.05246033, -0.04196826],
    [0.01252992, -0.01002394],
    [-0.06499025, 0.0519922],
  ],
};

/** The forward in float64, for an independent check of the notebook's numbers. */
function forward64(qq: number[], KK: Matrix): { a: number[]; loss: number } {
  const s = KK.map((k) => k.reduce((acc, kj, j) => acc + kj * (qq[j] as number), 0) / Math.sqrt(qq.length));
  const m = Math.max(...s);
  const e = s.map((x) => Math.exp(x - m));
  const z = e.reduce((x, y) => x + y, 0);
  const a = e.map((x) => x / z);
  const o = [0, 1].map((j) => a.reduce((acc, ai, i) => acc + ai * ((V[i] as number[])[j] as number), 0));
  return { a, loss: o.reduce((acc, oj, j) => acc + oj * (c[j] as number), 0) };
}

/** Richardson central differences in float64 (h = 1e-3, truncation O(h⁴)). */
function fd64(f: (x: number[]) => number, x: number[], h = 1e-3): number[] {
  return x.map((_, i) => {
    const at = (d: number) => f(x.map((v, j) => (j === i ? v + d : v)));
    return (4 * ((at(h / 2) - at(-h / 2)) / h) - (at(h) - at(-h)) / (2 * h)) / 3;
  });
}

/** grad q, grad K, grad V of cᵀ(softmax(Kq/√d)V), written directly with tfjs ops and tf.grads. */
function tfGrads(qq: number[], KK: Matrix, VV: Matrix, cc: number[]): Float32Array[] {
  return tf.tidy(() => {
    const f = (x: tf.Tensor, k: tf.Tensor, v: tf.Tensor) => {
      const s = tf.div(tf.matMul(k, tf.reshape(x, [-1, 1])), Math.sqrt(qq.length));
      const a = tf.softmax(tf.reshape(s, [-1]));
      return tf.sum(tf.mul(tf.tensor(cc), tf.reshape(tf.matMul(tf.reshape(a, [1, -1]), v), [-1])));
    };
    return tf
      .grads(f)([tf.tensor(qq), tf.tensor(KK), tf.tensor(VV)])
      .map((g) => Float32Array.from(g.dataSync()));
  });
}

const grad = (r: ReturnType<typeof runExercise>, id: string) => r.trace.grads.get(id)?.data ?? new Float32Array();

describe('ex10 attention score backprop', () => {
  it('is built from the notebook’s names and values', () => {
    const p = compile(ex10.build({}));
    expect(p.order.filter((id) => p.nodes.get(id)?.op)).toEqual(['s', 'a', 'o', 'loss']);
    expect(['q', 'K', 'V', 'c'].map((id) => p.nodes.get(id)?.role)).toEqual(['input', 'param', 'param', 'constant']);
    expect(Array.from(p.nodes.get('K')?.value ?? [])).toEqual(K.flat().map(Math.fround));
    expect(['s', 'a', 'o'].every((id) => p.nodes.get(id)?.spec.group === 'attention')).toBe(true);
  });

  it('the notebook’s printed numbers are right (float64, independently recomputed)', () => {
    const a = forward64(q, K).a;
    a.forEach((ai, i) => {
      expect(ai).toBeCloseTo(NOTEBOOK.a[i] as number, 7);
    });
    const gq = fd64((x) => forward64(x, K).loss, q);
    gq.forEach((g, i) => {
      expect(g).toBeCloseTo(NOTEBOOK.grad_q[i] as number, 8);
    });
    const gK = fd64((x) => forward64(q, [x.slice(0, 2), x.slice(2, 4), x.slice(4, 6)]).loss, K.flat());
    gK.forEach((g, i) => {
      expect(g).toBeCloseTo(NOTEBOOK.grad_K.flat()[i] as number, 8);
    });
  });

  it('at defaults the engine gives the notebook’s weights and gradients, and both checks pass', () => {
    const r = runExercise(ex10);
    expect(relativeError(r.trace.values.get('a')?.data ?? [], NOTEBOOK.a)).toBeLessThan(1e-6);
    expect(relativeError(grad(r, 'q'), NOTEBOOK.grad_q)).toBeLessThan(1e-5);
    expect(relativeError(grad(r, 'K'), NOTEBOOK.grad_K.flat())).toBeLessThan(1e-5);
    expect(r.checks.map((x) => [x.name, x.pass])).toEqual([
      ['q gradient', true],
      ['K gradient', true],
    ]);
  });

  it('the Jacobian block is the notebook’s J_soft = diag(a) − aaᵀ', () => {
    const J = runExercise(ex10).blocks.jacobians?.J_soft ?? [];
    const a = NOTEBOOK.a;
    expect(J).toHaveLength(3);
    J.forEach((row, i) => {
      row.forEach((x, j) => {
        expect(x).toBeCloseTo((i === j ? (a[i] as number) : 0) - (a[i] as number) * (a[j] as number), 6);
      });
    });
  });

  it.each([
    ['n = 3, d = 2 (new values)', 3, 2, 2],
    ['n = 5, d = 4, values of width 3', 5, 4, 3],
    ['n = 7, d = 3, values of width 6', 7, 3, 6],
  ])('matches tf.grads and finite differences for %s', (_, n, d, dv) => {
    const rng = makeRng(n * 10 + d);
    const vec = (len: number) => Array.from({ length: len }, () => rng.normal());
    const inputs = { q: vec(d), K: Array.from({ length: n }, () => vec(d)), V: Array.from({ length: n }, () => vec(dv)), c: vec(dv) };
    const r = runExercise(ex10, { inputs });
    const [gq, gK, gV] = tfGrads(inputs.q, inputs.K, inputs.V, inputs.c);
    expect(relativeError(grad(r, 'q'), gq as Float32Array)).toBeLessThan(1e-5);
    expect(relativeError(grad(r, 'K'), gK as Float32Array)).toBeLessThan(1e-5);
    expect(relativeError(grad(r, 'V'), gV as Float32Array)).toBeLessThan(1e-5);
    expect(r.checks.every((x) => x.pass)).toBe(true);
    expect(r.blocks.jacobians?.J_soft).toHaveLength(n);
  });

  it('leaks no tensors across repeated runs', () => {
    runExercise(ex10);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) runExercise(ex10);
    expect(tf.memory().numTensors).toBe(before);
  });
});
