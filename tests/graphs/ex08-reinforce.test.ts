import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ex08Reinforce } from '../../graphs/ex08-reinforce';
import { compile } from '../../src/core/compile';
import { resolveOptions } from '../../src/core/options';
import { estimate } from '../../src/engine/estimate';
import { runExercise } from '../../src/engine/exercise';
import { relativeError } from '../../src/engine/numeric';

const p = 1 / (1 + Math.exp(-0.5));
/** ∇θ E[z²] = σ′(0.5), the notebook's (a): 0.235004 (and it is right). */
const ANALYTIC = p * (1 - p);

describe('ex08 REINFORCE', () => {
  it('is built from the notebook’s names, with the options wired into the bernoulli node', () => {
    const prog = compile(ex08Reinforce.build(resolveOptions(ex08Reinforce.options, { samples: 1000, estimator: 'reinforce_baseline' })));
    expect(prog.order).toEqual(['theta', 'z', 'L', 'J']);
    expect(prog.nodes.get('theta')?.role).toBe('param');
    expect(prog.nodes.get('z')?.attrs).toMatchObject({ samples: 1000, cost: 'L', estimator: 'reinforce_baseline' });
    expect(prog.nodes.get('L')?.shape).toEqual([1000]);
    expect(ex08Reinforce.options.find((o) => o.name === 'samples')?.default).toBe(10000);
  });

  it('at defaults: the analytic gradient is the notebook’s 0.235004 and both checks pass', () => {
    const r = runExercise(ex08Reinforce, { seed: 0 });
    expect(ANALYTIC).toBeCloseTo(0.235004, 6);
    expect(r.blocks.estimates?.analytic).toBeCloseTo(ANALYTIC, 12);
    expect(Object.keys(r.blocks.estimates ?? {})).toEqual([
      'analytic',
      'reinforce',
      'reinforce_baseline',
      'variance_reinforce',
      'variance_baseline',
    ]);
    expect(r.checks.map((c) => [c.name, c.pass])).toEqual([
      ['(b) REINFORCE gradient', true],
      ['(c) Baseline lowers variance', true],
    ]);
    expect(r.blocks.stats?.baseline).toBeCloseTo(p, 12); // b = E[L] = σ(θ), as the notebook
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7])('(b) holds within 0.01 at 10000 samples for seed %i', (seed) => {
    const r = runExercise(ex08Reinforce, { seed });
    expect(Math.abs((r.blocks.estimates?.reinforce as number) - ANALYTIC)).toBeLessThan(0.01);
    expect(r.checks.every((c) => c.pass)).toBe(true);
    // Both estimators take two values, so their variance ratio is the same for every draw.
    expect(r.blocks.stats?.variance_reduction).toBeCloseTo((1 - p) ** 2 / (1 - 2 * p) ** 2, 6);
  });

  it('the trace’s θ gradient is the REINFORCE estimate on the same draws', () => {
    const r = runExercise(ex08Reinforce, { seed: 9 });
    const g = r.trace.grads.get('theta')?.data as Float32Array;
    expect(relativeError(g, [r.blocks.estimates?.reinforce as number])).toBeLessThan(1e-5);
    // With the baseline estimator the node uses the leave-one-out baseline.
    const rb = runExercise(ex08Reinforce, { seed: 9, options: { estimator: 'reinforce_baseline' } });
    const gb = rb.trace.grads.get('theta')?.data as Float32Array;
    const loo = estimate(rb.program, { node: 'z', seed: 9, baseline: 'leave_one_out' });
    expect(relativeError(gb, [loo.reinforce_baseline])).toBeLessThan(1e-4);
  });

  it('histogram samples are at most 2000 per estimator and take only the two possible values', () => {
    for (const samples of [100, 100000]) {
      const r = runExercise(ex08Reinforce, { options: { samples }, seed: 2 });
      const hist = r.blocks.estimatorSamples ?? {};
      expect(r.blocks.stats?.samples).toBe(samples);
      expect(hist.reinforce).toHaveLength(Math.min(samples, 2000));
      expect(hist.reinforce_baseline).toHaveLength(Math.min(samples, 2000));
      // z = 1: (1 − p) and (1 − p)²; z = 0: 0 and p².
      for (const v of hist.reinforce ?? []) expect([0, 1 - p].some((w) => Math.abs(v - w) < 1e-6)).toBe(true);
      for (const v of hist.reinforce_baseline ?? []) expect([(1 - p) ** 2, p ** 2].some((w) => Math.abs(v - w) < 1e-6)).toBe(true);
    }
  });

  it('at 100000 samples the variances approach their exact values 0.0335 and 0.0141', () => {
    const e = runExercise(ex08Reinforce, { options: { samples: 100000 }, seed: 4 }).blocks.estimates ?? {};
    const q = 1 - p;
    expect(e.variance_reinforce).toBeCloseTo(p * q ** 3, 3);
    expect(e.variance_baseline).toBeCloseTo(p * q ** 4 + q * p ** 4 - (p * q) ** 2, 3);
    expect(Math.abs((e.reinforce as number) - ANALYTIC)).toBeLessThan(0.005);
  });

  it('is deterministic for a seed', () => {
    const a = runExercise(ex08Reinforce, { seed: 3 });
    const b = runExercise(ex08Reinforce, { seed: 3 });
    expect(b.blocks).toEqual(a.blocks);
    expect(runExercise(ex08Reinforce, { seed: 4 }).blocks.estimates?.reinforce).not.toBe(a.blocks.estimates?.reinforce);
  });

  it('accepts another θ: the analytic value follows σ′(θ)', () => {
    const r = runExercise(ex08Reinforce, { inputs: { theta: -1 }, seed: 1 });
    const s = 1 / (1 + Math.exp(1));
    expect(r.blocks.estimates?.analytic).toBeCloseTo(s * (1 - s), 12);
    expect(r.checks[0]?.pass).toBe(true);
  });

  it('leaks no tensors across repeated runs', () => {
    runExercise(ex08Reinforce);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) runExercise(ex08Reinforce, { seed: i });
    expect(tf.memory().numTensors).toBe(before);
  });
});
