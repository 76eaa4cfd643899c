import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import data from '../../graphs/data/ex09.json';
import { ex09 } from '../../graphs/ex09-residual-flow';
import { compile } from '../../src/core/compile';
import { makeRng } from '../../src/core/random';
import { norm } from '../../src/core/tensor';
import { runExercise } from '../../src/engine/exercise';
import { centralDifference, relativeError } from '../../src/engine/numeric';

type Matrix = number[][];

/** (M_L ⋯ M_1)ᵀ g in float64 with M_k = J_k or I + J_k: ∂(g·h_L)/∂h₀ by explicit products. */
function explicitGradient(Js: Matrix[], g: number[], residual: boolean): number[] {
  let v = g.slice();
  for (let k = Js.length - 1; k >= 0; k--) {
    const J = Js[k] as Matrix;
    v = v.map((_, j) => v.reduce((s, vi, i) => s + vi * ((J[i] as number[])[j] as number), 0) + (residual ? (v[j] as number) : 0));
  }
  return v;
}

/** ∂(g·h_L)/∂h₀, ∂/∂J₁ and ∂/∂J_L written directly with tfjs ops and tf.grads. */
function tfGrads(Js: Matrix[], g: number[], h0: number[], residual: boolean): Float32Array[] {
  return tf.tidy(() => {
    const others = Js.slice(1, -1).map((J) => tf.tensor(J));
    const f = (h: tf.Tensor, first: tf.Tensor, last: tf.Tensor) => {
      let x = tf.reshape(h, [-1, 1]);
      for (const J of [first, ...others, last]) x = residual ? tf.add(x, tf.matMul(J, x)) : tf.matMul(J, x);
      return tf.sum(tf.mul(tf.reshape(x, [-1]), tf.tensor(g)));
    };
    const gs = tf.grads(f)([tf.tensor(h0), tf.tensor(Js[0] as Matrix), tf.tensor(Js.at(-1) as Matrix)]);
    return gs.map((t) => Float32Array.from(t.dataSync()));
  });
}

function randomInputs(seed: number, d: number) {
  const rng = makeRng(seed);
  const vec = () => Array.from({ length: d }, () => rng.normal());
  const Js = data.Js.map(() => Array.from({ length: d }, () => vec().map((x) => 0.3 * x)));
  const inputs: Record<string, unknown> = { g: vec(), h0: vec() };
  Js.forEach((J, k) => {
    inputs[`J${k + 1}`] = J;
  });
  return { Js, g: inputs.g as number[], h0: inputs.h0 as number[], inputs };
}

const gradNorm = (r: ReturnType<typeof runExercise>, id: string) => norm(r.trace.grads.get(id)?.data ?? new Float32Array());

describe('ex09 residual gradient flow', () => {
  it('is built from the notebook’s names: J1…J20, h0…h20, g, out (F_k on the residual branch)', () => {
    const plain = compile(ex09.build({ residual: false }));
    const residual = compile(ex09.build({ residual: true }));
    const ids = (p: typeof plain) => p.order.filter((id) => p.nodes.get(id)?.op);
    expect(ids(plain)).toEqual([...Array.from({ length: 20 }, (_, k) => `h${k + 1}`), 'out']);
    expect(ids(residual)).toEqual([...Array.from({ length: 20 }, (_, k) => [`F${k + 1}`, `h${k + 1}`]).flat(), 'out']);
    expect(plain.nodes.get('J7')?.role).toBe('param');
    expect(plain.nodes.get('g')?.role).toBe('constant');
    expect(plain.nodes.get('h0')?.role).toBe('input');
    expect(residual.nodes.get('h5')?.spec.commentary?.backward).toContain('(I + J5)ᵀ dh5');
  });

  it('reproduces the notebook’s norms: ‖g‖ 3.4220, plain 5.6996e-12, residual 5.7457', () => {
    const plain = runExercise(ex09);
    const residual = runExercise(ex09, { options: { residual: true } });
    expect(gradNorm(plain, 'h20')).toBeCloseTo(3.422, 4);
    expect(gradNorm(plain, 'h0') / 5.6996e-12).toBeCloseTo(1, 4);
    expect(gradNorm(residual, 'h0')).toBeCloseTo(5.7457, 4);
    // and the gradient itself, against explicit float64 products of the notebook's matrices
    expect(relativeError(plain.trace.grads.get('h0')?.data ?? [], explicitGradient(data.Js, data.g, false))).toBeLessThan(1e-5);
    expect(relativeError(residual.trace.grads.get('h0')?.data ?? [], explicitGradient(data.Js, data.g, true))).toBeLessThan(1e-5);
  });

  it.each([false, true])('the check and the series cover both configurations whatever the option (residual = %s)', (residual) => {
    const r = runExercise(ex09, { options: { residual } });
    expect(r.checks).toHaveLength(1);
    expect(r.checks[0]).toMatchObject({ name: 'residual path preserves larger gradient norm', pass: true });
    const s = r.blocks.series?.[0];
    expect(s?.x).toEqual(Array.from({ length: 21 }, (_, k) => k));
    const [plainLine, residualLine] = s?.lines ?? [];
    expect(plainLine?.y[0]).toBeCloseTo(5.6996e-12, 15);
    expect(residualLine?.y[0]).toBeCloseTo(5.7457, 4);
    // ∂out/∂h20 = g in both.
    expect(plainLine?.y[20]).toBeCloseTo(norm(Float32Array.from(data.g)), 5);
    expect(residualLine?.y[20]).toBe(plainLine?.y[20]);
    // The line of the current configuration is the trace's own gradients.
    const current = residual ? residualLine : plainLine;
    for (const k of [0, 7, 19]) expect(current?.y[k]).toBeCloseTo(gradNorm(r, `h${k}`), 10);
  });

  it.each([false, true])('matches tf.grads and finite differences at random values with d = 4 (residual = %s)', (residual) => {
    const { Js, g, h0, inputs } = randomInputs(residual ? 2 : 1, 4);
    const r = runExercise(ex09, { inputs, options: { residual } });
    expect(r.trace.shapes.get('h20')).toEqual([4]);
    const [dh0, dJ1, dJ20] = tfGrads(Js, g, h0, residual);
    expect(relativeError(r.trace.grads.get('h0')?.data ?? [], dh0 as Float32Array)).toBeLessThan(1e-5);
    expect(relativeError(r.trace.grads.get('J1')?.data ?? [], dJ1 as Float32Array)).toBeLessThan(1e-5);
    expect(relativeError(r.trace.grads.get('J20')?.data ?? [], dJ20 as Float32Array)).toBeLessThan(1e-5);
    for (const wrt of ['h0', 'J1', 'J20']) {
      const fd = centralDifference(r.program, { of: 'out', wrt });
      expect(relativeError(r.trace.grads.get(wrt)?.data ?? [], fd)).toBeLessThan(1e-3);
    }
  });

  it('gradients with respect to every h_k do not depend on h0 (the map is linear)', () => {
    const a = runExercise(ex09, { options: { residual: true } });
    const b = runExercise(ex09, { options: { residual: true }, inputs: { h0: [1, 1, 1, 1, 1, 1] } });
    for (const k of [0, 10, 19])
      expect(Array.from(b.trace.grads.get(`h${k}`)?.data ?? [])).toEqual(Array.from(a.trace.grads.get(`h${k}`)?.data ?? []));
    expect(relativeError(b.trace.grads.get('J3')?.data ?? [], a.trace.grads.get('J3')?.data ?? [])).toBeGreaterThan(0.01);
  });

  it('leaks no tensors across repeated runs', () => {
    runExercise(ex09);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) runExercise(ex09, { options: { residual: i % 2 === 0 } });
    expect(tf.memory().numTensors).toBe(before);
  });
});
