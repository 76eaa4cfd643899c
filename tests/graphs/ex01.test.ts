import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ex01 } from '../../graphs/ex01-scalar-chain-rule';
import { compile } from '../../src/core/compile';
import { makeRng } from '../../src/core/random';
import { execute } from '../../src/engine/execute';
import { runExercise } from '../../src/engine/exercise';
import { centralDifference, relativeError } from '../../src/engine/numeric';

// True derivatives in float64: d/dt sin(e^{6t}) and d/dt e^{3 sin t²}.
const dfg = (t: number) => 6 * Math.exp(6 * t) * Math.cos(Math.exp(6 * t));
const dgf = (t: number) => 6 * t * Math.cos(t * t) * Math.exp(3 * Math.sin(t * t));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

const program = compile(ex01.build({}));
const grad = (of: string, t: number) =>
  execute(program, { seedNode: of, values: new Map([['t', Float32Array.of(t)]]) }).grads.get('t')?.data[0] as number;

/** The same two functions in tfjs, differentiated by tf.grad. */
function tfGrad(of: 'fg' | 'gf', t: number): number {
  return tf.tidy(() => {
    const f =
      of === 'fg' ? (x: tf.Tensor) => tf.sin(tf.square(tf.exp(tf.mul(x, 3)))) : (x: tf.Tensor) => tf.exp(tf.mul(tf.sin(tf.square(x)), 3));
    return tf.grad(f)(tf.scalar(t)).dataSync()[0] as number;
  });
}

const rng = makeRng(1);
const randomTs = (n: number, lo: number, hi: number) => Array.from({ length: n }, () => lo + (hi - lo) * rng.uniform());

describe('ex01 scalar chain rule', () => {
  const r = runExercise(ex01);

  it('runs the notebook’s four checks, all passing', () => {
    expect(r.checks.map((c) => c.name)).toEqual([
      'f∘g chain rule at t=0.0',
      'f∘g chain rule at t=0.5',
      'f∘g ≠ g∘f (order matters)',
      'g∘f chain rule',
    ]);
    for (const c of r.checks) expect(c.pass, c.name).toBe(true);
  });

  it('gives the true derivatives at the notebook’s points (float32 accuracy)', () => {
    // 6cos(1) = 3.2418138, 6e³cos(e³) = 39.6000126, g∘f at 0.5: 6.1058243 — the notebook's analytic values.
    expect(dfg(0)).toBeCloseTo(3.2418138352088386, 12);
    expect(dfg(0.5)).toBeCloseTo(39.60001255803608, 10);
    expect(dgf(0.5)).toBeCloseTo(6.105824277170106, 12);
    expect(rel(r.trace.grads.get('t')?.data[0] as number, dfg(0.5))).toBeLessThan(1e-6);
    expect(rel(r.checks[0]?.got as number, dfg(0))).toBeLessThan(1e-6);
    expect(rel(r.checks[1]?.got as number, dfg(0.5))).toBeLessThan(1e-6);
    expect(rel(r.checks[3]?.got as number, dgf(0.5))).toBeLessThan(1e-6);
    // The finite differences the checks compare with are float32-sound, not exact.
    for (const i of [0, 1, 3]) expect(rel(r.checks[i]?.got as number, r.checks[i]?.expected as number)).toBeLessThan(1e-3);
  });

  it('explains the notebook’s FAIL at t = 0.5: its float64 FD (h = 1e-5) is off by 1.4e-5', () => {
    const fg = (t: number) => Math.sin(Math.exp(3 * t) ** 2);
    const fd = (fg(0.5 + 1e-5) - fg(0.5 - 1e-5)) / 2e-5;
    const err = Math.abs(fd - dfg(0.5));
    expect(err).toBeGreaterThan(1e-8 + 1e-8 * Math.abs(fd)); // fails np.allclose(atol=rtol=1e-8)
    expect(err / dfg(0.5)).toBeLessThan(1e-6);
  });

  it('explains each backward step in terms of the chain rule', () => {
    const lines = r.trace.steps.filter((s) => s.phase === 'backward').map((s) => `${s.node}: ${s.commentary}`);
    expect(lines.map((l) => l.split(':')[0])).toEqual(['fg', 'g2', 'g', 't3']);
    expect(lines[0]).toContain('cos(g²)');
    expect(lines[3]).toContain('f′(g(t))·g′(t)');
  });

  it('evaluates the checks at t = 0 and 0.5 whatever the current t', () => {
    const other = runExercise(ex01, { inputs: { t: -0.3 } });
    expect(other.trace.values.get('t')?.data[0]).toBeCloseTo(-0.3, 6);
    expect(other.checks).toEqual(r.checks);
  });

  it('matches tf.grads for both compositions at random t', () => {
    for (const t of randomTs(12, -1, 1)) {
      expect(rel(grad('fg', t), tfGrad('fg', t)), `fg at ${t}`).toBeLessThan(1e-5);
      expect(rel(grad('gf', t), tfGrad('gf', t)), `gf at ${t}`).toBeLessThan(1e-5);
    }
  });

  it('matches finite differences at random t', () => {
    // h = 1e-3 resolves sin(e^{6t}) up to t ≈ 0.75 (beyond, it oscillates within a step).
    for (const t of randomTs(8, -1, 0.75)) {
      const values = new Map([['t', Float32Array.of(t)]]);
      for (const of of ['fg', 'gf']) {
        const fd = centralDifference(program, { of, wrt: 't', values, h: 1e-3 });
        expect(relativeError([grad(of, t)], fd), `${of} at ${t}`).toBeLessThan(1e-3);
      }
    }
  });

  it('plots both derivatives and their finite differences over t ∈ [−1, 1]', () => {
    const series = r.blocks.series ?? [];
    expect(series).toHaveLength(2);
    for (const [s, truth] of [
      [series[0], dfg],
      [series[1], dgf],
    ] as const) {
      expect(s?.x).toHaveLength(41);
      expect(s?.x[0]).toBe(-1);
      expect(s?.x[40]).toBe(1);
      const [engine, fd] = s?.lines ?? [];
      s?.x.forEach((t, i) => {
        const e = engine?.y[i] as number;
        const scale = Math.max(Math.abs(truth(t)), 1);
        // float32: near t = 1, g² = e^{6t} ≈ 400 carries ~1e-5 rounding into cos(g²).
        expect(Math.abs(e - truth(t)) / scale, `engine at ${t}`).toBeLessThan(2e-3);
        expect(Math.abs((fd?.y[i] as number) - e) / scale, `FD at ${t}`).toBeLessThan(2e-3);
      });
    }
  });

  it('leaks no tensors across repeated runs', () => {
    runExercise(ex01);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) runExercise(ex01, { inputs: { t: 0.1 * i } });
    expect(tf.memory().numTensors).toBe(before);
  });
});
