import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/core/compile';
import type { Tensor } from '../../../src/core/op';
import { makeRng } from '../../../src/core/random';
import type { AttrValue, Shape } from '../../../src/core/types';
import { relativeError } from '../../../src/engine/numeric';
import { run } from '../../../src/engine/run';
import { arg, FAMILIES, finiteDiffVjp, opContext, opNamed, parseAttrs, TOL_FD, TOL_TF } from './_check';
import { callVjp, expectNoLeakAcrossRuns } from './_values';

const op = opNamed('dropout');

/** Forward with a seed: output, the recorded mask, and what a VJP for ȳ gives. */
function sample(x: { shape: Shape; data: Float32Array }, raw: Record<string, AttrValue>, seed: number, dy?: Float32Array) {
  const attrs = parseAttrs(op, raw);
  return tf.tidy(() => {
    const xt = tf.tensor(x.data, x.shape);
    const ctx = opContext(seed);
    const y = op.forward([xt], attrs, ctx);
    const dyT = dy ? tf.tensor(dy, y.shape) : tf.onesLike(y);
    const g = (callVjp(op, [xt], y, dyT, attrs, ctx)[0] as () => Tensor)();
    return { y: Array.from(y.dataSync()), mask: Array.from(op.drawn?.(attrs, ctx) ?? []), g: Array.from(g.dataSync()) };
  });
}

const ones = (n: number) => ({ shape: [n], data: new Float32Array(n).fill(1) });

describe('dropout: sampling', () => {
  it('covers the whole family', () => {
    expect(FAMILIES.dropout).toEqual(['dropout']);
    expect(op.stochastic).toBe(true);
  });

  it('drops a fraction p (within 4 binomial standard deviations) and scales the rest by 1/(1 − p)', () => {
    const N = 20_000;
    for (const p of [0.1, 0.5, 0.8]) {
      const { y, mask } = sample(ones(N), { p }, 3);
      const dropped = mask.filter((m) => m === 0).length;
      expect(Math.abs(dropped / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
      y.forEach((v, i) => {
        expect(v).toBe(mask[i] === 1 ? Math.fround(1 / (1 - p)) : 0);
      });
    }
  });

  it('inverted scaling keeps the expectation: mean(y) ≈ mean(x) within 4 standard errors', () => {
    const N = 20_000;
    const p = 0.3;
    const { y } = sample(ones(N), { p }, 8);
    const m = y.reduce((a, b) => a + b, 0) / N;
    expect(Math.abs(m - 1)).toBeLessThan(4 * Math.sqrt(p / (1 - p) / N));
  });

  it('is deterministic for a seed and differs for another', () => {
    const x = arg(makeRng(1), [4, 5]);
    expect(sample(x, {}, 11)).toEqual(sample(x, {}, 11));
    expect(sample(x, {}, 11).mask).not.toEqual(sample(x, {}, 12).mask);
  });

  it('records the mask, also where x = 0 (a kept zero is indistinguishable from a dropped one in y)', () => {
    const x = { shape: [6], data: Float32Array.from([0, 0, 0, 2, -3, 0]) };
    const { y, mask, g } = sample(x, { p: 0.5 }, 5);
    expect(mask).toHaveLength(6);
    expect(mask.every((m) => m === 0 || m === 1)).toBe(true);
    expect(new Set(mask).size).toBe(2);
    y.forEach((v, i) => {
      expect(v).toBe((mask[i] as number) * (x.data[i] as number) * 2 + 0);
    });
    // The gradient follows the mask, not y: kept zeros of x still pass ȳ·2.
    expect(g).toEqual(mask.map((m) => m * 2));
  });

  it('p = 0 is the identity, forward and backward', () => {
    const x = arg(makeRng(2), [3, 4]);
    const { y, g } = sample(x, { p: 0 }, 1);
    expect(y).toEqual(Array.from(x.data));
    expect(g).toEqual(new Array(12).fill(1));
  });

  it('p outside [0, 1) is refused, naming attrs.p', () => {
    const spec = (p: number) => ({
      nodes: [
        { id: 'x', op: 'leaf', value: [1, 2], role: 'param' as const },
        { id: 'd', op: 'dropout', inputs: ['x'], attrs: { p } },
        { id: 'L', op: 'sum', inputs: ['d'] },
      ],
      objectives: [{ name: 'L', node: 'L' }],
    });
    for (const p of [1, -0.1, 1.5]) expect(() => compile(spec(p))).toThrow(/node "d", field "attrs\.p"/);
    expect(() => compile(spec(0.99))).not.toThrow();
  });
});

describe('dropout: the VJP multiplies by the same mask', () => {
  it.each([[[]], [[7]], [[3, 4]], [[2, 3, 4]]] as const)(
    'at %j: VJP vs tf.grads (same seed) and finite differences (same mask)',
    (shape) => {
      const s = shape as unknown as Shape;
      const x = arg(makeRng(s.length + 3), s);
      const dy = arg(makeRng(s.length + 9), s).data;
      const attrs = parseAttrs(op, { p: 0.4 });
      const before = tf.memory().numTensors;
      const { g, ref } = tf.tidy(() => {
        const xt = tf.tensor(x.data, s);
        const dyT = tf.tensor(dy, s);
        // One context for forward, VJP and tf.grads (a node draws once per run); finite differences
        // evaluate in fresh contexts of the same seed 0, which draw the same mask again.
        const ctx = opContext(0);
        const y = op.forward([xt], attrs, ctx);
        const gT = (callVjp(op, [xt], y, dyT, attrs, ctx)[0] as () => Tensor)();
        const r = tf.grads((a: Tensor) => op.forward([a], attrs, ctx))([xt], dyT)[0] as Tensor;
        return { g: gT.dataSync(), ref: r.dataSync() };
      });
      expect(tf.memory().numTensors).toBe(before);
      expect(relativeError(g, ref)).toBeLessThan(TOL_TF);
      expect(relativeError(g, finiteDiffVjp(op, attrs, [x], 0, dy))).toBeLessThan(TOL_FD);
    },
  );

  it('a node draws once per run: evaluating it again in the same context gives the same mask; other nodes draw their own', () => {
    tf.tidy(() => {
      const ctx = opContext(21);
      const a = parseAttrs(op, { p: 0.5 });
      const b = parseAttrs(op, { p: 0.5 });
      const x = tf.ones([40]);
      const first = op.forward([x], a, ctx).dataSync();
      const other = op.forward([x], b, ctx).dataSync();
      expect(Array.from(op.forward([x], a, ctx).dataSync())).toEqual(Array.from(first));
      expect(Array.from(other)).not.toEqual(Array.from(first));
    });
  });

  it('without a forward in the same run, the VJP refuses rather than guess a mask', () => {
    tf.tidy(() => {
      const x = tf.tensor([1, 2, 3]);
      const thunk = callVjp(op, [x], tf.tensor([2, 0, 6]), tf.ones([3]), { p: 0.5 }, opContext())[0] as () => Tensor;
      expect(thunk).toThrow(/dropout: no mask drawn in this run/);
    });
  });
});

describe('dropout through the engine', () => {
  const program = compile({
    nodes: [
      {
        id: 'x',
        op: 'leaf',
        value: [
          [0.5, -1, 2, 0],
          [1, 3, -2, 0.25],
        ],
        role: 'param',
      },
      {
        id: 'w',
        op: 'leaf',
        value: [
          [1, 2, 3, 4],
          [5, 6, 7, 8],
        ],
        role: 'constant',
      },
      { id: 'd', op: 'dropout', inputs: ['x'], attrs: { p: 0.5 } },
      { id: 'm', op: 'mul', inputs: ['d', 'w'] },
      { id: 'L', op: 'sum', inputs: ['m'] },
    ],
    objectives: [{ name: 'L', node: 'L' }],
  });

  it('∂L/∂x = w ⊙ m/(1 − p), with m the mask behind the value the trace shows', () => {
    const trace = run(program, { seed: 4 });
    const x = [0.5, -1, 2, 0, 1, 3, -2, 0.25];
    const d = Array.from(trace.values.get('d')?.data ?? []);
    const gx = Array.from(trace.grads.get('x')?.data ?? []);
    // Where x ≠ 0 the value shows the mask; the gradient must agree with it there.
    x.forEach((xi, i) => {
      if (xi === 0) return;
      const kept = d[i] !== 0;
      expect(gx[i]).toBe(kept ? 2 * (i + 1) : 0);
      expect(d[i]).toBe(kept ? 2 * xi : 0);
    });
    expect(new Set(gx.map((g) => g !== 0)).size).toBe(2);
  });

  it('the forward step records the mask (Step.drawn): value and gradient follow it, kept zeros of x included', () => {
    const trace = run(program, { seed: 4 });
    const step = trace.steps.find((s) => s.phase === 'forward' && s.node === 'd');
    expect(step?.drawn?.shape).toEqual([2, 4]);
    const mask = Array.from(step?.drawn?.data ?? []);
    expect(mask.every((m) => m === 0 || m === 1)).toBe(true);
    const x = [0.5, -1, 2, 0, 1, 3, -2, 0.25];
    expect(Array.from(trace.values.get('d')?.data ?? [])).toEqual(x.map((xi, i) => 2 * xi * (mask[i] as number) + 0));
    expect(Array.from(trace.grads.get('x')?.data ?? [])).toEqual(mask.map((m, i) => 2 * (i + 1) * m));
    // Only dropout declares draws; other steps carry none.
    expect(trace.steps.filter((s) => s.drawn).map((s) => s.node)).toEqual(['d']);
  });

  it('the same seed gives the same trace; another seed another mask', () => {
    const a = run(program, { seed: 4 });
    const b = run(program, { seed: 4 });
    expect(Array.from(a.grads.get('x')?.data ?? [])).toEqual(Array.from(b.grads.get('x')?.data ?? []));
    const masks = new Set([1, 2, 3, 5, 6].map((s) => Array.from(run(program, { seed: s }).grads.get('x')?.data ?? []).join()));
    expect(masks.size).toBeGreaterThan(1);
  });

  it('does not leak tensors across runs', () => {
    expectNoLeakAcrossRuns(program);
  });

  it('under checkpointing the recomputed dropout reuses the forward’s mask: same values and gradients', () => {
    const layered = compile({
      nodes: [
        {
          id: 'x',
          op: 'leaf',
          value: [
            [0.5, -1, 2, 0.1],
            [1, 3, -2, 0.25],
          ],
          role: 'param',
        },
        { id: 'd1', op: 'dropout', inputs: ['x'], attrs: { p: 0.5 }, layer: 1 },
        // square's backward reads its input, so the dropped d1 and d2 must be rebuilt for it.
        { id: 't1', op: 'square', inputs: ['d1'], layer: 2 },
        { id: 'd2', op: 'dropout', inputs: ['t1'], attrs: { p: 0.3 }, layer: 3 },
        { id: 't2', op: 'square', inputs: ['d2'], layer: 4 },
        { id: 'L', op: 'sum', inputs: ['t2'] },
      ],
      objectives: [{ name: 'L', node: 'L' }],
    });
    for (const seed of [0, 1, 2, 3]) {
      const plain = run(layered, { seed });
      const ckpt = run(layered, { seed, checkpointEvery: 2 });
      expect(ckpt.steps.some((s) => s.phase === 'recompute' && (s.node === 'd1' || s.node === 'd2'))).toBe(true);
      // A recomputed dropout reports the same mask as its forward step.
      for (const id of ['d1', 'd2']) {
        const masks = ckpt.steps.filter((s) => s.node === id && s.drawn).map((s) => Array.from(s.drawn?.data ?? []).join());
        expect(masks.length).toBeGreaterThan(0);
        expect(new Set(masks).size).toBe(1);
      }
      for (const id of ['d1', 'd2', 'L'])
        expect(Array.from(ckpt.values.get(id)?.data ?? [])).toEqual(Array.from(plain.values.get(id)?.data ?? []));
      expect(Array.from(ckpt.grads.get('x')?.data ?? [])).toEqual(Array.from(plain.grads.get('x')?.data ?? []));
    }
  });
});
