import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import data from '../../graphs/data/ex07.json';
import { ex01 } from '../../graphs/ex01-scalar-chain-rule';
import { ex04 } from '../../graphs/ex04-vanishing-gradients';
import { ex05 } from '../../graphs/ex05-gradient-checkpointing';
import { ex07 } from '../../graphs/ex07-lora-gradients';
import { runExercise } from '../../src/engine/exercise';

// What a lesson computes once per option set must not move when a leaf is edited, and what
// depends on the edit must: the split behind fast edits (computed once, reused).
describe('lesson parts that do not depend on the edited values', () => {
  beforeAll(async () => {
    tf.enableProdMode();
    await tf.setBackend('cpu');
  });

  test('ex01: checks and curves are the same for any t; the trace follows t', () => {
    const a = runExercise(ex01);
    const b = runExercise(ex01, { inputs: { t: -0.3 } });
    expect(b.checks).toEqual(a.checks);
    expect(b.blocks).toEqual(a.blocks);
    expect(b.trace.values.get('t')?.data[0]).toBeCloseTo(-0.3, 6);
    expect(b.trace.grads.get('t')?.data[0]).not.toBe(a.trace.grads.get('t')?.data[0]);
  });

  test('ex04: the four reference networks are the same under any option set; the current curve is not', () => {
    const a = runExercise(ex04);
    const b = runExercise(ex04, { options: { activation: 'relu', init: 'he' } });
    expect(b.blocks.series?.[1]?.lines).toEqual(a.blocks.series?.[1]?.lines);
    expect(b.blocks.series?.[0]?.lines[0]?.y).toEqual(a.blocks.series?.[1]?.lines[1]?.y); // ReLU (He) is the current graph
    expect(b.checks).toEqual(a.checks);
  });

  test('ex05: the memory-vs-compute table follows the structure; the gradients follow the values', () => {
    const a = runExercise(ex05);
    const b = runExercise(ex05, { inputs: { x: [1, 2, 3, 4, 5, 6, 7, 8] } });
    expect(b.blocks.tables).toEqual(a.blocks.tables);
    expect(b.blocks.tables?.[0]?.rows.map((r) => r.slice(1))).toEqual([
      [20, 21],
      [11, 31],
      [7, 36],
      [7, 37],
      [8, 38],
      [10, 39],
    ]);
    expect(b.trace.grads.get('W1')?.data).not.toEqual(a.trace.grads.get('W1')?.data);
  });

  test('ex07: editing x or W₀ keeps the training; the FD checks follow the edit', () => {
    const a = runExercise(ex07);
    const x = runExercise(ex07, { inputs: { x: data.x.map((v) => v + 0.5) } });
    const W0 = runExercise(ex07, { inputs: { W0: data.W0.map((row) => row.map((v) => 2 * v)) } });
    expect(x.blocks.training).toEqual(a.blocks.training);
    expect(W0.blocks.training).toEqual(a.blocks.training);
    expect(x.checks.map((c) => c.pass)).toEqual([true, true, true]);
    expect(x.checks[1]?.got).not.toEqual(a.checks[1]?.got); // dB = ȳ (Ax)ᵀ moves with x
  });
});
