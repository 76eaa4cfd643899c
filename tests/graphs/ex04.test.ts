import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import draws from '../../graphs/data/ex04-draws.json';
import { ex04 } from '../../graphs/ex04-vanishing-gradients';
import { compile, withValues } from '../../src/core/compile';
import { makeRng } from '../../src/core/random';
import { norm } from '../../src/core/tensor';
import type { OptionValue } from '../../src/core/types';
import { runExercise } from '../../src/engine/exercise';
import { centralDifference, relativeError } from '../../src/engine/numeric';
import { run } from '../../src/engine/run';

type Options = Record<string, OptionValue>;
const SCALE: Record<string, number> = { 'normal_0.3': 0.3, he: Math.sqrt(2 / 30), xavier: Math.sqrt(1 / 30) };
const ACT: Record<string, (z: tf.Tensor) => tf.Tensor> = { sigmoid: tf.sigmoid, relu: tf.relu, tanh: tf.tanh };

/** out = δ·a₂₀ built from tfjs ops; ∂out/∂x and ∂out/∂W_l by tf.grads. */
function tfGrads(o: Options, x: number[], delta: number[], Ws: number[][][]): { x: Float32Array; W: Float32Array[] } {
  return tf.tidy(() => {
    const f = (xt: tf.Tensor, ...Wt: tf.Tensor[]) => {
      let a = xt;
      for (const W of Wt) {
        const z = tf.reshape(tf.matMul(W, tf.reshape(a, [-1, 1])), [-1]);
        const s = (ACT[String(o.activation)] as (z: tf.Tensor) => tf.Tensor)(z);
        a = o.residual ? tf.add(a, s) : s;
      }
      return tf.sum(tf.mul(tf.tensor1d(delta), a));
    };
    const g = tf.grads(f)([tf.tensor1d(x), ...Ws.map((W) => tf.tensor2d(W))]);
    return { x: g[0]?.dataSync() as Float32Array, W: g.slice(1).map((t) => t.dataSync() as Float32Array) };
  });
}

const defaultWs = (init: string) => draws.W.map((W) => W.map((row) => row.map((v) => v * (SCALE[init] as number))));

// True norms at layer inputs a₀ (layer 1) and a₁₉ (layer 20), float64 NumPy (gen_ex04_ex05.py), each
// confirmed by a forward-mode Jacobian product; the notebook's own recurrence prints other numbers.
const TRUE_NORMS: [string, Options, number, number][] = [
  ['Sigmoid (w=0.3)', { activation: 'sigmoid', residual: false, init: 'normal_0.3' }, 1.426676e-9, 3.786293e-1],
  ['ReLU (He)', { activation: 'relu', residual: false, init: 'he' }, 1.391078, 7.085371e-1],
  ['Sigmoid+Residual', { activation: 'sigmoid', residual: true, init: 'normal_0.3' }, 1.491375, 1.030874],
  ['Sigmoid (Xavier)', { activation: 'sigmoid', residual: false, init: 'xavier' }, 5.056802e-13, 2.405942e-1],
];

const layerInputs = ['x', ...Array.from({ length: 19 }, (_, i) => `a${i + 1}`)];

describe('ex04 vanishing gradients', () => {
  const r = runExercise(ex04);

  it('passes the notebook’s two checks on true gradients, whatever the current options', () => {
    expect(r.checks.map((c) => c.name)).toEqual(['ReLU norm stable', 'Sigmoid vanishes']);
    for (const c of r.checks) expect(c.pass, c.name).toBe(true);
    const other = runExercise(ex04, { options: { activation: 'tanh', residual: true, init: 'he' } });
    expect(other.checks).toEqual(r.checks);
  });

  it('gives the true layer-1 and layer-20 norms of the notebook’s four networks', () => {
    const compare = r.blocks.series?.[1];
    expect(compare?.lines.map((l) => l.label)).toEqual(TRUE_NORMS.map(([label]) => label));
    TRUE_NORMS.forEach(([label, o, first, last], i) => {
      const y = compare?.lines[i]?.y ?? [];
      expect(y).toHaveLength(20);
      expect(Math.abs((y[0] as number) / first - 1), `${label} layer 1`).toBeLessThan(1e-4);
      expect(Math.abs((y[19] as number) / last - 1), `${label} layer 20`).toBeLessThan(1e-4);
      // The same numbers from a run of that configuration (the first series is the current one).
      const own = runExercise(ex04, { options: o }).blocks.series?.[0]?.lines[0]?.y;
      expect(own).toEqual(y);
    });
    // Not the notebook's printed ReLU value 0.1476: it multiplies by relu′ after Wᵀ.
    expect(compare?.lines[1]?.y[0]).not.toBeCloseTo(0.1476, 2);
  });

  it('plots the gradient norm at each layer input x, a₁ … a₁₉ on a log scale', () => {
    const s = r.blocks.series?.[0];
    expect(s?.logY).toBe(true);
    expect(s?.x).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(s?.lines[0]?.y).toEqual(layerInputs.map((id) => norm(r.trace.grads.get(id)?.data as Float32Array)));
  });

  it('matches tf.grads for every activation, residual or not, at the notebook’s draws', () => {
    const configs: Options[] = [
      { activation: 'sigmoid', residual: false, init: 'normal_0.3' },
      { activation: 'relu', residual: false, init: 'he' },
      { activation: 'tanh', residual: true, init: 'xavier' },
      { activation: 'sigmoid', residual: true, init: 'he' },
    ];
    for (const o of configs) {
      const t = runExercise(ex04, { options: o }).trace;
      const g = tfGrads(o, draws.x, draws.delta, defaultWs(String(o.init)));
      expect(relativeError(t.grads.get('x')?.data ?? [], g.x), `x ${JSON.stringify(o)}`).toBeLessThan(1e-5);
      g.W.forEach((gW, l) => {
        expect(relativeError(t.grads.get(`W${l + 1}`)?.data ?? [], gW), `W${l + 1} ${JSON.stringify(o)}`).toBeLessThan(1e-5);
      });
    }
  });

  it('takes another width n through its inputs (n = 5), matching tf.grads and finite differences', () => {
    const n = 5;
    // Weight scales where float32 FD resolves the gradients (no vanishing, no drift of out).
    const cases: [Options, number][] = [
      [{ activation: 'tanh', residual: false, init: 'he' }, 0.8],
      [{ activation: 'tanh', residual: true, init: 'he' }, 0.3],
    ];
    for (const [o, scale] of cases) {
      const rng = makeRng(4);
      const vec = () => Array.from({ length: n }, () => rng.normal());
      const Ws = Array.from({ length: 20 }, () => Array.from({ length: n }, () => vec().map((v) => v * scale)));
      const x = vec();
      const delta = vec();
      const inputs = { x, delta, ...Object.fromEntries(Ws.map((W, l) => [`W${l + 1}`, W])) };
      const program = compile(withValues(ex04.build(o), inputs));
      const t = run(program);
      expect(t.shapes.get('z7')).toEqual([n]);
      const g = tfGrads(o, x, delta, Ws);
      expect(relativeError(t.grads.get('x')?.data ?? [], g.x)).toBeLessThan(1e-5);
      g.W.forEach((gW, l) => {
        expect(relativeError(t.grads.get(`W${l + 1}`)?.data ?? [], gW)).toBeLessThan(1e-5);
      });
      for (const id of ['x', 'W1', 'W10', 'W20']) {
        const fd = centralDifference(program, { of: 'out', wrt: id });
        expect(relativeError(t.grads.get(id)?.data ?? [], fd), `${id} ${JSON.stringify(o)}`).toBeLessThan(1e-3);
      }
      const series = runExercise(ex04, { options: o, inputs }).blocks.series?.[0]?.lines[0]?.y;
      expect(series).toEqual(layerInputs.map((id) => norm(t.grads.get(id)?.data as Float32Array)));
    }
  });

  it('builds every option combination with the notebook’s names', () => {
    for (const activation of ['sigmoid', 'relu', 'tanh']) {
      for (const residual of [false, true]) {
        for (const init of ['normal_0.3', 'he', 'xavier']) {
          const p = compile(ex04.build({ activation, residual, init }));
          expect(p.nodes.get('a20')?.spec.op).toBe(residual ? 'add' : activation);
          expect(p.nodes.get('z1')?.inputs).toEqual(['W1', 'x']);
          expect(p.nodes.get('z20')?.spec.layer).toBe(20);
          expect(p.nodes.get('W3')?.value?.[0]).toBeCloseTo((draws.W[2]?.[0]?.[0] as number) * (SCALE[init] as number), 6);
          expect(p.nodes.get('out')?.inputs).toEqual(['delta', 'a20']);
        }
      }
    }
  });

  it('leaks no tensors across repeated runs', () => {
    runExercise(ex04);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 2; i++) runExercise(ex04, { options: { activation: 'relu', init: 'he' } });
    expect(tf.memory().numTensors).toBe(before);
  });
});
