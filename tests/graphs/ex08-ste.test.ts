import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ex08Ste } from '../../graphs/ex08-ste';
import { compile } from '../../src/core/compile';
import { resolveOptions } from '../../src/core/options';
import { makeRng } from '../../src/core/random';
import { runExercise } from '../../src/engine/exercise';
import { centralDifference, relativeError } from '../../src/engine/numeric';

const W = [0.7, 1.3, -0.4, 2.1, -1.8];

/** Round half to even, like np.round and tf.round. */
const roundEven = (x: number): number => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};

/** The notebook's QAT loop with weights stored in float32 as the engine stores them. */
function simulateQat(w0: number[], target: number[], steps = 50, lr = 0.1): number[] {
  const w = w0.map(Math.fround);
  const losses: number[] = [];
  for (let s = 0; s <= steps; s++) {
    const g = w.map((wi, i) => roundEven(wi) - (target[i] as number));
    losses.push(0.5 * g.reduce((a, b) => a + b * b, 0));
    if (s === steps) break;
    g.forEach((gi, i) => {
      w[i] = Math.fround((w[i] as number) - lr * gi);
    });
  }
  return losses;
}

/** ∂/∂w of ½‖round(w) − t‖² with round's gradient replaced by the identity, via tf.customGrad. */
function tfSteGrad(w: number[], target: number[]): Float32Array {
  return tf.tidy(() => {
    const roundSte = tf.customGrad((x) => ({ value: tf.round(x as tf.Tensor), gradFunc: (dy: tf.Tensor) => dy }));
    const f = (x: tf.Tensor) => tf.mul(0.5, tf.sum(tf.square(tf.sub(roundSte(x), tf.tensor(target)))));
    return Float32Array.from(tf.grad(f)(tf.tensor(w)).dataSync());
  });
}

/** Plain numbers, −0 folded into 0. */
const values = (a: ArrayLike<number> | undefined): number[] => Array.from(a ?? [], (x) => x + 0);

const run = (preset: string) => runExercise(ex08Ste, { options: { preset } });

describe('ex08 STE', () => {
  it('is built from the notebook’s names and roles', () => {
    const p = compile(ex08Ste.build(resolveOptions(ex08Ste.options)));
    expect(p.order).toEqual(['w', 'w_target', 'w_hat', 'loss']);
    expect([p.nodes.get('w')?.role, p.nodes.get('w_target')?.role]).toEqual(['param', 'constant']);
    expect(Array.from(p.nodes.get('w')?.value ?? [])).toEqual(W.map(Math.fround));
  });

  it('notebook preset: round(w) already equals w_target, so PTQ = QAT = 0 and the check passes vacuously', () => {
    const r = run('notebook');
    expect(values(r.trace.values.get('w_hat')?.data)).toEqual([1, 1, 0, 2, -2]);
    expect(values(r.trace.grads.get('w')?.data)).toEqual([0, 0, 0, 0, 0]);
    expect(r.blocks.stats).toEqual({ loss_ptq: 0, loss_qat: 0 });
    expect(r.blocks.training?.runs[0]?.losses).toEqual(new Array(51).fill(0));
    expect(r.checks).toEqual([{ name: 'STE better than PTQ', pass: true, got: 0, expected: '<= 0' }]);
  });

  it('shifted_target preset: QAT reaches 0 where PTQ leaves 2.5, stalling honestly on the way', () => {
    const r = run('shifted_target');
    const target = [2, 0, 1, 1, -3];
    expect(values(r.trace.grads.get('w')?.data)).toEqual([-1, 1, -1, 1, 1]); // ŵ − w_target
    expect(r.blocks.stats).toEqual({ loss_ptq: 2.5, loss_qat: 0 });
    expect(r.blocks.training?.runs[0]?.losses).toEqual(simulateQat(W, target));
    expect(r.blocks.training?.runs[0]?.losses.slice(0, 12)).toEqual([2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2, 2, 0.5, 0.5, 0, 0]);
    expect(r.checks[0]).toMatchObject({ name: 'STE better than PTQ', pass: true, got: 0 });
  });

  it('rounds half to even, as np.round', () => {
    const r = runExercise(ex08Ste, { inputs: { w: [0.5, 1.5, 2.5, -0.5, -2.5] } });
    expect(values(r.trace.values.get('w_hat')?.data)).toEqual([0, 2, 2, 0, -2]);
  });

  it.each([1, 2, 3])('the gradient is straight through, ŵ − w_target, as tf.customGrad (random w, seed %i)', (seed) => {
    const rng = makeRng(seed);
    const n = 3 + seed;
    const w = Array.from({ length: n }, () => 3 * rng.normal());
    const target = Array.from({ length: n }, () => Math.round(3 * rng.normal()));
    const r = runExercise(ex08Ste, { inputs: { w, w_target: target } });
    const g = r.trace.grads.get('w')?.data as Float32Array;
    expect(values(g)).toEqual(w.map((wi, i) => roundEven(Math.fround(wi)) - (target[i] as number) + 0));
    expect(relativeError(g, tfSteGrad(w, target))).toBeLessThan(1e-6);
  });

  it('finite differences see round’s true derivative, 0, where the STE passes ŵ − w_target', () => {
    const fd = centralDifference(compile(ex08Ste.build({ preset: 'shifted_target' })), { of: 'loss', wrt: 'w' });
    expect(values(fd)).toEqual([0, 0, 0, 0, 0]);
  });

  it('leaks no tensors across repeated runs', () => {
    run('shifted_target');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) run('shifted_target');
    expect(tf.memory().numTensors).toBe(before);
  });
});
