import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ex02 } from '../../graphs/ex02-jacobian-composition';
import { makeRng } from '../../src/core/random';
import { runExercise } from '../../src/engine/exercise';
import { jacobian } from '../../src/engine/jacobian';
import { centralDifference, relativeError } from '../../src/engine/numeric';

// Analytic Jacobians (float64), from g(x) = (x₁², x₁x₂, e^{x₂}) and f(u) = (u₁u₂, u₂ + u₃²).
const Jg = ([a, b]: number[]) => [
  [2 * a!, 0],
  [b!, a!],
  [0, Math.exp(b!)],
];
const Jf = ([u1, u2, u3]: number[]) => [
  [u2!, u1!, 0],
  [0, 1, 2 * u3!],
];
// h(x) = (x₁³x₂, x₁x₂ + e^{2x₂}).
const Jh = ([a, b]: number[]) => [
  [3 * a! * a! * b!, a! ** 3],
  [b!, a! + 2 * Math.exp(2 * b!)],
];

/** J_h by tf.grad of each output of h = f∘g built from tfjs ops. */
function tfJh(x: number[]): number[][] {
  return tf.tidy(() => {
    const h = (v: tf.Tensor) => {
      const [x1, x2] = tf.unstack(v) as [tf.Tensor, tf.Tensor];
      const u = [tf.square(x1), tf.mul(x1, x2), tf.exp(x2)] as const;
      return [tf.mul(u[0], u[1]), tf.add(u[1], tf.square(u[2]))];
    };
    return [0, 1].map((i) =>
      Array.from(
        tf
          .grad((v: tf.Tensor) => h(v)[i] as tf.Tensor)(tf.tensor1d(x))
          .dataSync(),
      ),
    );
  });
}

const rng = makeRng(2);

describe('ex02 Jacobian composition', () => {
  it('reproduces the notebook’s Jacobians at x = (1, 0) and passes both checks', () => {
    const r = runExercise(ex02);
    // Exact here: every entry is a small integer in float32.
    expect(r.blocks.jacobians).toEqual({
      J_g: [
        [2, 0],
        [0, 1],
        [0, 1],
      ],
      J_f: [
        [0, 1, 0],
        [0, 1, 2],
      ],
      J_h: [
        [0, 1],
        [0, 3],
      ],
    });
    expect(r.checks.map((c) => c.name)).toEqual(['(c) Chain rule = FD', '(d) Direct = chain rule']);
    for (const c of r.checks) expect(c.pass, c.name).toBe(true);
  });

  it('matches the analytic Jacobians, tf.grads and finite differences at random x', () => {
    for (let trial = 0; trial < 4; trial++) {
      const x = [rng.normal(), rng.normal()];
      const r = runExercise(ex02, { inputs: { x } });
      const J = r.blocks.jacobians ?? {};
      const u = [x[0]! ** 2, x[0]! * x[1]!, Math.exp(x[1]!)];
      expect(relativeError(J.J_g!.flat(), Jg(x).flat())).toBeLessThan(1e-6);
      expect(relativeError(J.J_f!.flat(), Jf(u).flat())).toBeLessThan(1e-6);
      expect(relativeError(J.J_h!.flat(), Jh(x).flat())).toBeLessThan(1e-5);
      expect(relativeError(J.J_h!.flat(), tfJh(x).flat())).toBeLessThan(1e-5);
      const fd = ['h1', 'h2'].flatMap((of) => Array.from(centralDifference(r.program, { of, wrt: 'x' })));
      expect(relativeError(J.J_h!.flat(), fd)).toBeLessThan(1e-3);
      for (const c of r.checks) expect(c.pass, `${c.name} at x = ${x}`).toBe(true);
    }
  });

  it('J_f from the f-only program equals the Jacobian wrt the computed u in the composed graph', () => {
    const r = runExercise(ex02, { inputs: { x: [0.8, -0.6] } });
    const direct = jacobian(r.program, 'h', 'u').matrix;
    expect(relativeError(direct.flat(), r.blocks.jacobians!.J_f!.flat())).toBeLessThan(1e-6);
  });

  it('builds each Jacobian from one reverse pass per output row', () => {
    const r = runExercise(ex02);
    const J = jacobian(r.program, 'h', 'x');
    expect(J.rows).toHaveLength(2);
    expect(J.rows.map((row) => row.shape)).toEqual([[2], [2]]);
    // The objective Σh seeds (1, 1): its gradient is the sum of J_h's rows.
    const g = Array.from(r.trace.grads.get('x')?.data ?? []);
    expect(g).toEqual([0, 4]);
  });

  it('takes x of another length: the extra entries get zero columns', () => {
    const r = runExercise(ex02, { inputs: { x: [0.5, 0.2, 9] } });
    const J = r.blocks.jacobians!.J_h!;
    expect(J.map((row) => row[2])).toEqual([0, 0]);
    expect(
      relativeError(
        J.flatMap((row) => row.slice(0, 2)),
        Jh([0.5, 0.2]).flat(),
      ),
    ).toBeLessThan(1e-5);
    for (const c of r.checks) expect(c.pass, c.name).toBe(true);
  });

  it('leaks no tensors across repeated runs', () => {
    runExercise(ex02);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) runExercise(ex02, { inputs: { x: [i, 1 - i] } });
    expect(tf.memory().numTensors).toBe(before);
  });
});
