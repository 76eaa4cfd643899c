import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import data from '../../graphs/data/ex07.json';
import training from '../../graphs/data/ex07-training.json';
import { ex07 } from '../../graphs/ex07-lora-gradients';
import { compile } from '../../src/core/compile';
import { makeRng } from '../../src/core/random';
import { runExercise } from '../../src/engine/exercise';
import { relativeError } from '../../src/engine/numeric';

type Matrix = number[][];

// The notebook's printed dB at B = 0 (float64); graphs/data/gen_ex06_to_ex09.py reproduces it
// from the shipped draws with float64 finite differences.
const NOTEBOOK_dB = [
  [-0.00039197, -0.00160125],
  [0.0054625, 0.02231498],
  [0.00196848, 0.00804149],
  [-0.00351156, -0.01434515],
  [0.00196717, 0.00803614],
  [0.00837195, 0.03420043],
  [-0.00019501, -0.00079664],
  [0.00851678, 0.03479208],
];

const randn = (rng: ReturnType<typeof makeRng>, rows: number, cols: number): Matrix =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.normal()));

const grad = (r: ReturnType<typeof runExercise>, id: string) => r.trace.grads.get(id)?.data ?? new Float32Array();

/** dB, dA, dx of ȳ·((W₀ + BA)x), written directly with tfjs ops and tf.grads. */
function tfGrads(W0: Matrix, B: Matrix, A: Matrix, x: number[], yBar: number[]): Float32Array[] {
  return tf.tidy(() => {
    const f = (b: tf.Tensor, a: tf.Tensor, xx: tf.Tensor) =>
      tf.sum(tf.mul(tf.tensor(yBar), tf.squeeze(tf.matMul(tf.add(tf.tensor(W0), tf.matMul(b, a)), tf.reshape(xx, [-1, 1])))));
    return tf
      .grads(f)([tf.tensor(B), tf.tensor(A), tf.tensor(x)])
      .map((g) => Float32Array.from(g.dataSync()));
  });
}

/** ½·mean((X Wᵀ − Y)²) over the given rows, in float64 (the notebook's minibatch loss). */
function halfMse(W: Matrix, rows: number[], target: Matrix): number {
  let s = 0;
  for (const k of rows) {
    const x = training.X_tr[k] as number[];
    W.forEach((w, i) => {
      const y = x.reduce((acc, xj, j) => acc + xj * ((target[i] as number[])[j] as number), 0);
      const yh = x.reduce((acc, xj, j) => acc + xj * (w[j] as number), 0);
      s += (yh - y) ** 2;
    });
  }
  return (0.5 * s) / (rows.length * W.length);
}

describe('ex07 LoRA gradients', () => {
  it('is built from the notebook’s names and roles, with the LoRA group', () => {
    const p = compile(ex07.build({}));
    expect(p.order.filter((id) => p.nodes.get(id)?.op)).toEqual(['BA', 'W', 'y', 'loss']);
    expect(['W0', 'B', 'A', 'x', 'y_bar'].map((id) => [p.nodes.get(id)?.role, p.nodes.get(id)?.shape])).toEqual([
      ['frozen', [8, 6]],
      ['param', [8, 2]],
      ['param', [2, 6]],
      ['input', [6]],
      ['constant', [8]],
    ]);
    expect(Array.from(p.nodes.get('B')?.value ?? [1])).toEqual(new Array(16).fill(0));
    expect(p.spec.groups).toEqual([{ id: 'lora', label: 'LoRA branch', kind: 'lora' }]);
    expect(['B', 'A', 'BA'].every((id) => p.nodes.get(id)?.spec.group === 'lora')).toBe(true);
  });

  it('at the notebook’s draws: dB as printed, dA exactly zero, no gradient for the frozen W0', () => {
    const r = runExercise(ex07);
    expect(relativeError(grad(r, 'B'), NOTEBOOK_dB.flat())).toBeLessThan(1e-5);
    expect(Array.from(grad(r, 'A'))).toEqual(new Array(12).fill(0));
    expect(r.trace.grads.has('W0')).toBe(false);
    expect(r.checks.map((c) => [c.name, c.pass])).toEqual([
      ['(b) dA matches FD', true],
      ['(b) dB matches FD', true],
      ['Both converge', true],
    ]);
  });

  it('one SGD step on B makes dA non-zero, and dA = Bᵀȳxᵀ', () => {
    const r0 = runExercise(ex07);
    const dB = grad(r0, 'B');
    const B1 = Array.from({ length: 8 }, (_, i) => [0, 1].map((j) => -0.1 * (dB[2 * i + j] as number)));
    const dA = grad(runExercise(ex07, { inputs: { B: B1 } }), 'A');
    expect(Math.max(...Array.from(dA, Math.abs))).toBeGreaterThan(1e-4);
    const want = [0, 1].flatMap((k) =>
      data.x.map((xj) => xj * B1.reduce((s, row, i) => s + (row[k] as number) * (data.y_bar[i] as number), 0)),
    );
    expect(relativeError(dA, want)).toBeLessThan(1e-5);
  });

  it('(d) reproduces the notebook’s final losses 0.4339 (LoRA) and 0.3865 (full)', () => {
    const t = runExercise(ex07).blocks.training;
    expect(t?.lr).toBe(0.005);
    expect(t?.steps).toBe(200);
    const [lora, full] = t?.runs.map((run) => run.losses) ?? [];
    expect(lora).toHaveLength(200);
    expect(full).toHaveLength(200);
    expect(lora?.at(-1)).toBeCloseTo(0.4339, 4);
    expect(full?.at(-1)).toBeCloseTo(0.3865, 4);
    // First minibatch, before any update: LoRA has W = W0, full has its own start; target 0.5·W0.
    const target = data.W0.map((row) => row.map((w) => 0.5 * w));
    const rows = training.idx[0] as number[];
    expect(lora?.[0]).toBeCloseTo(halfMse(data.W0, rows, target), 5);
    expect(full?.[0]).toBeCloseTo(halfMse(training.W_full, rows, target), 5);
  });

  it('(d) on all 50 samples LoRA barely moves while full fine-tuning learns', () => {
    const r = runExercise(ex07);
    const [, , lora, full] = r.blocks.training?.runs.map((run) => run.losses) ?? [];
    expect(lora).toHaveLength(201);
    const every = training.X_tr.map((_, k) => k);
    const target = data.W0.map((row) => row.map((w) => 0.5 * w));
    expect(lora?.[0]).toBeCloseTo(halfMse(data.W0, every, target), 6);
    expect(full?.[0]).toBeCloseTo(halfMse(training.W_full, every, target), 6);
    // Values from the float64 rerun in gen_ex06_to_ex09.py (true gradients by finite differences).
    expect(lora?.at(-1)).toBeCloseTo(0.542536, 5);
    expect(full?.at(-1)).toBeCloseTo(0.4675, 4);
    expect((lora?.[0] as number) - (lora?.at(-1) as number)).toBeLessThan(1e-4);
    expect(r.checks[2]).toMatchObject({ name: 'Both converge', pass: true, got: { lora: lora?.at(-1), full: full?.at(-1) } });
  });

  it.each([
    ['the notebook’s shapes, B ≠ 0', 8, 6, 2],
    ['m = 5, n = 4, r = 3', 5, 4, 3],
  ])('matches tf.grads and finite differences for %s', (_, m, n, r) => {
    const rng = makeRng(m * 100 + n * 10 + r);
    const inputs = {
      W0: randn(rng, m, n),
      B: randn(rng, m, r),
      A: randn(rng, r, n),
      x: randn(rng, 1, n)[0] as number[],
      y_bar: randn(rng, 1, m)[0] as number[],
    };
    const run = runExercise(ex07, { inputs });
    const [dB, dA, dx] = tfGrads(inputs.W0, inputs.B, inputs.A, inputs.x, inputs.y_bar);
    expect(relativeError(grad(run, 'B'), dB as Float32Array)).toBeLessThan(1e-5);
    expect(relativeError(grad(run, 'A'), dA as Float32Array)).toBeLessThan(1e-5);
    expect(relativeError(grad(run, 'x'), dx as Float32Array)).toBeLessThan(1e-5);
    expect(run.trace.grads.has('W0')).toBe(false);
    expect(run.checks.map((c) => c.pass)).toEqual([true, true, true]);
    const labels = run.blocks.training?.runs.map((t) => t.label) ?? [];
    expect(labels[0]).toContain(m === 8 ? 'notebook' : 'seed 0');
  });

  it('(c) and (e) tables follow the shapes', () => {
    const [counts, memory] = runExercise(ex07).blocks.tables ?? [];
    expect(counts?.rows).toEqual([
      ['Full fine-tuning', 48, '8×6'],
      ['LoRA', 28, '2×(8+6)'],
      ['Compression', 1.71, ''],
    ]);
    expect(memory?.rows).toEqual([
      ['8×6', 2, 0.192, 0.112, 1.71],
      ['100×100', 4, 40, 3.2, 12.5],
      ['1000×1000', 8, 4000, 64, 62.5],
      ['4096×4096', 16, 67108.864, 524.288, 128],
    ]);
  });

  it('leaks no tensors across repeated runs', () => {
    runExercise(ex07);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 2; i++) runExercise(ex07);
    expect(tf.memory().numTensors).toBe(before);
  });
});
