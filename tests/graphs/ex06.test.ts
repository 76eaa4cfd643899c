import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import data from '../../graphs/data/ex06.json';
import { ex06 } from '../../graphs/ex06-attention-backward';
import { compile } from '../../src/core/compile';
import { GraphError } from '../../src/core/errors';
import { makeRng } from '../../src/core/random';
import { runExercise } from '../../src/engine/exercise';
import { relativeError } from '../../src/engine/numeric';

// The notebook's printout for (c) (float64). graphs/data/gen_ex06_to_ex09.py reproduces these
// from the shipped draws with its own float64 finite differences, not the notebook's code.
const NOTEBOOK = {
  Q: [
    [0.07061039, 0.08851872, -0.05688877],
    [0.20330178, 0.12409577, -0.0091778],
    [0.08612555, 0.14160922, -0.22847977],
    [-0.30326551, -0.20644784, 0.09493546],
  ],
  K: [
    [-0.50372051, 0.20010841, 0.007055],
    [0.37677131, 0.17702672, -0.23925346],
    [-0.20783041, -0.28545804, 0.34433749],
    [0.33477961, -0.09167709, -0.11213903],
  ],
  V: [
    [-0.3426126, 0.4440724, 0.27904305],
    [-0.01041548, 0.10792744, 0.37438651],
    [-0.46956968, 0.34835434, 1.32557692],
    [-0.93682236, 1.02559605, 0.94422963],
  ],
};

type Matrix = number[][];

const randn = (seed: number, rows: number, cols: number): Matrix => {
  const rng = makeRng(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.normal()));
};

/** dQ, dK, dV of Σ dO ⊙ softmax(QKᵀ/√d)V, written directly with tfjs ops and tf.grads. */
function tfGrads(Q: Matrix, K: Matrix, V: Matrix, dO: Matrix): Float32Array[] {
  return tf.tidy(() => {
    const d = K[0]?.length ?? 1;
    const f = (q: tf.Tensor, k: tf.Tensor, v: tf.Tensor) =>
      tf.sum(tf.mul(tf.tensor(dO), tf.matMul(tf.softmax(tf.div(tf.matMul(q, k, false, true), Math.sqrt(d))), v)));
    const gs = tf.grads(f)([tf.tensor(Q), tf.tensor(K), tf.tensor(V)]);
    return gs.map((g) => Float32Array.from(g.dataSync()));
  });
}

const grad = (r: ReturnType<typeof runExercise>, id: string) => r.trace.grads.get(id)?.data ?? new Float32Array();

describe('ex06 attention backward', () => {
  it('is built from the notebook’s names, roles and group', () => {
    const p = compile(ex06.build({}));
    expect(p.order.filter((id) => p.nodes.get(id)?.op)).toEqual(['S', 'P', 'O', 'loss']);
    expect(['Q', 'K', 'V', 'dO'].map((id) => p.nodes.get(id)?.role)).toEqual(['input', 'input', 'input', 'constant']);
    expect(p.spec.groups).toEqual([{ id: 'attention', label: 'Attention', kind: 'attention' }]);
    expect(['S', 'P', 'O'].map((id) => p.nodes.get(id)?.spec.group)).toEqual(['attention', 'attention', 'attention']);
    for (const id of ['S', 'P', 'O', 'loss']) {
      expect(p.nodes.get(id)?.spec.commentary?.forward).toBeTruthy();
      expect(p.nodes.get(id)?.spec.commentary?.backward).toBeTruthy();
    }
    expect(p.nodes.get('P')?.spec.commentary?.backward).toContain('dS = P ⊙ (dP − rowsum(P ⊙ dP))');
  });

  it('reproduces the notebook’s dQ, dK, dV at its seeded draws, and its checks pass', () => {
    const r = runExercise(ex06);
    for (const id of ['Q', 'K', 'V'] as const) expect(relativeError(grad(r, id), NOTEBOOK[id].flat())).toBeLessThan(1e-5);
    // ∂L/∂O is dO itself: the loss hands the notebook's upstream gradient to O.
    expect(relativeError(grad(r, 'O'), data.dO.flat())).toBeLessThan(1e-7);
    expect(r.checks.map((c) => [c.name, c.pass])).toEqual([
      ['(c) dQ matches FD', true],
      ['(c) dV matches FD', true],
      ['(c) dK matches FD', true],
    ]);
  });

  it('P is row-stochastic', () => {
    const P = runExercise(ex06).trace.values.get('P');
    expect(P?.shape).toEqual([4, 4]);
    for (let i = 0; i < 4; i++) expect(P?.data.slice(4 * i, 4 * i + 4).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it.each([
    ['the notebook’s shapes, new values', 4, 4, 3, 3],
    ['T = 6, d = 5', 6, 6, 5, 5],
    ['3 queries, 7 keys, d = 5, values of width 2', 3, 7, 5, 2],
  ])('matches tf.grads and finite differences for %s', (_, Tq, Tk, d, dv) => {
    const inputs = { Q: randn(1, Tq, d), K: randn(2, Tk, d), V: randn(3, Tk, dv), dO: randn(4, Tq, dv) };
    const r = runExercise(ex06, { inputs });
    expect(r.trace.shapes.get('S')).toEqual([Tq, Tk]);
    const want = tfGrads(inputs.Q, inputs.K, inputs.V, inputs.dO);
    ['Q', 'K', 'V'].forEach((id, i) => {
      expect(relativeError(grad(r, id), want[i] as Float32Array)).toBeLessThan(1e-5);
    });
    // The lesson's checks are the finite-difference comparisons.
    expect(r.checks.every((c) => c.pass)).toBe(true);
    expect(r.blocks.tables?.[0]?.rows[0]?.slice(0, 2)).toEqual([Tq === Tk ? Tq : `${Tq}×${Tk}`, Tq * Tk]);
  });

  it('rescales by √d read from K: d = 5 differs from applying d = 3', () => {
    const inputs = { Q: randn(5, 6, 5), K: randn(6, 6, 5), V: randn(7, 6, 5), dO: randn(8, 6, 5) };
    const S = runExercise(ex06, { inputs }).trace.values.get('S')?.data as Float32Array;
    let s00 = 0;
    for (let j = 0; j < 5; j++) s00 += (inputs.Q[0]?.[j] as number) * (inputs.K[0]?.[j] as number);
    expect(S[0]).toBeCloseTo(s00 / Math.sqrt(5), 5);
  });

  it('(d) tabulates the memory of P in float16 (as the notebook) and float32', () => {
    const table = runExercise(ex06).blocks.tables?.[0];
    expect(table?.columns).toEqual(['T', 'entries T²', 'float16 (MB)', 'float32 (MB)']);
    expect(table?.rows).toEqual([
      [4, 16, 32 / 2 ** 20, 64 / 2 ** 20],
      [512, 262144, 0.5, 1],
      [2048, 4194304, 8, 16],
      [8192, 67108864, 128, 256],
      [32768, 1073741824, 2048, 4096],
    ]);
    expect(ex06.notes.join(' ')).toContain('FlashAttention');
  });

  it('reports a dO of the wrong shape at the loss node', () => {
    const inputs = { Q: randn(1, 6, 5), K: randn(2, 6, 5), V: randn(3, 6, 5) };
    try {
      runExercise(ex06, { inputs });
      expect.unreachable('a 4×3 dO against a 6×5 O must not compile');
    } catch (e) {
      expect(e).toBeInstanceOf(GraphError);
      expect((e as GraphError).problems[0]).toMatchObject({ node: 'loss', field: 'inputs[1]' });
    }
  });

  it('leaks no tensors across repeated runs', () => {
    runExercise(ex06);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) runExercise(ex06);
    expect(tf.memory().numTensors).toBe(before);
  });
});
