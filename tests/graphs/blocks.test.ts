import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { EXERCISES, findExercise } from '../../graphs/index';
import { runExercise } from '../../src/engine/exercise';

const ex = (id: string) => {
  const e = findExercise(id);
  if (!e) throw new Error(`no ${id}`);
  return e;
};

describe('typed lesson blocks', () => {
  beforeAll(async () => {
    tf.enableProdMode();
    await tf.setBackend('cpu');
  });

  test('ex05 k = 3: the memory block is the engine’s live count after every step', () => {
    const r = runExercise(ex('ex05-gradient-checkpointing'), { options: { checkpoint_every: 3 } });
    const m = r.blocks.memory;
    if (!m) throw new Error('no memory block');
    expect(m.live).toHaveLength(r.trace.steps.length + 1);
    expect(m.live[0]).toBe(0);
    // The engine's own count (Step.live: values a later step reads), not a recount.
    r.trace.steps.forEach((s, i) => {
      expect(m.live[i + 1], `step ${i} (${s.phase} ${s.node})`).toBe(s.live);
    });
    expect(m.peak).toBe(r.trace.stats.peakLiveActivations);
    expect(m.peak).toBe(7);
    expect(m.live[m.peakAt]).toBe(7);
    expect(m.live.slice(0, m.peakAt).every((v) => v < 7)).toBe(true);
    expect(m.marks).toEqual([
      { label: 'peak live activations', value: 7 },
      { label: 'peak live activations without checkpointing', value: 20 },
    ]);
    expect(m.facts.map((f) => f.value)).toEqual([7, 37, 20, 21]);
    // Without checkpointing backward reads z1…z10 and a1…a10: 20 held when forward ends, all released by the end.
    const fullRun = runExercise(ex('ex05-gradient-checkpointing'), { options: { checkpoint_every: 0 } });
    const full = fullRun.blocks.memory;
    expect(full?.peak).toBe(20);
    expect(full?.live[fullRun.trace.steps.findIndex((s) => s.phase === 'seed') + 1]).toBe(20);
    expect(full?.live.at(-1)).toBe(0);
  });

  test('ex01: every series pairs an engine line with its finite differences', () => {
    const r = runExercise(ex('ex01-scalar-chain-rule'));
    const series = r.blocks.series ?? [];
    expect(series).toHaveLength(2);
    for (const s of series) {
      expect(s.lines.map((l) => l.method)).toEqual(['engine', 'finite-differences']);
      // The two methods agree to float32 finite-difference accuracy at t = 0.
      const i = s.x.indexOf(0);
      expect(Math.abs((s.lines[0]?.y[i] as number) - (s.lines[1]?.y[i] as number))).toBeLessThan(1e-3);
    }
  });

  test('ex04 and ex09 series are engine gradients', () => {
    for (const id of ['ex04-vanishing-gradients', 'ex09-residual-flow']) {
      const lines = (runExercise(ex(id)).blocks.series ?? []).flatMap((s) => s.lines);
      expect(lines.length).toBeGreaterThan(0);
      expect(new Set(lines.map((l) => l.method))).toEqual(new Set(['engine']));
    }
  });

  test('ex06 names P for the attention panel; no other exercise asks for one', () => {
    for (const e of EXERCISES) {
      const r = runExercise(e);
      expect(r.blocks.attention, e.id).toEqual(e.id === 'ex06-attention-backward' ? { node: 'P' } : undefined);
      if (r.blocks.attention) expect(r.trace.shapes.get(r.blocks.attention.node)).toEqual([4, 4]);
    }
  });

  test('ex08: each estimator carries its own mean and variance, the analytic gradient is the target', () => {
    const r = runExercise(ex('ex08-reinforce'), { seed: 3 });
    const e = r.blocks.estimates ?? {};
    expect(r.blocks.estimators?.map((x) => [x.name, x.label, x.mean, x.variance])).toEqual([
      ['reinforce', 'REINFORCE', e.reinforce, e.variance_reinforce],
      ['reinforce_baseline', 'REINFORCE with baseline', e.reinforce_baseline, e.variance_baseline],
    ]);
    expect(r.blocks.estimatorTarget).toEqual({ label: 'analytic gradient', value: e.analytic });
    expect(r.blocks.estimators?.[0]?.samples).toEqual(r.blocks.estimatorSamples?.reinforce);
    expect(r.blocks.facts?.map((f) => f.label)).toEqual(['baseline', 'variance reduction', 'samples']);
  });
});
