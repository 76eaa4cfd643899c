import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../src/core/random';
import type { Shape } from '../../../src/core/types';
import { relativeError } from '../../../src/engine/numeric';
import { type Arg, arg, expectShapeError, expectVjpCorrect, FAMILIES, opNamed, uniform } from './_check';
import { forwardValue } from './_values';

it('covers the whole family', () => {
  expect(FAMILIES.attention).toEqual(['softmax', 'attn_scores']);
});

describe('softmax', () => {
  it.each([
    [[5], {}],
    [[3, 4], {}],
    [[3, 4], { axis: -1 }],
    [[3, 4], { axis: 1 }],
    [[3, 4], { axis: 0 }],
    [[2, 3, 4], { axis: 1 }],
  ] as const)('VJP vs tf.grads and finite differences: %j %j', (shape, attrs) => {
    expectVjpCorrect(opNamed('softmax'), [arg(makeRng(shape.length), shape as unknown as Shape, uniform(-3, 3))], attrs);
  });

  /** Entry (i, j) of a [r×c] row-major matrix taken along `axis`: line k, position t. */
  const at = (axis: 0 | 1, k: number, t: number, c: number) => (axis === 1 ? k * c + t : t * c + k);

  it.each([[-1], [0]] as const)('axis %i: every line sums to 1 and the VJP is (diag p − p pᵀ) ȳ per line', (axisAttr) => {
    const S = arg(makeRng(4), [3, 4], uniform(-3, 3));
    const axis = axisAttr === -1 ? 1 : 0;
    const lines = axis === 1 ? 3 : 4;
    const len = axis === 1 ? 4 : 3;
    const P = forwardValue('softmax', [S], { axis: axisAttr }).data;
    for (let k = 0; k < lines; k++) {
      let s = 0;
      for (let t = 0; t < len; t++) s += P[at(axis, k, t, 4)] as number;
      expect(s).toBeCloseTo(1, 6);
    }
    // Explicit Jacobian of each line, in float64.
    const r = expectVjpCorrect(opNamed('softmax'), [S], { axis: axisAttr });
    const want = new Float64Array(12);
    for (let k = 0; k < lines; k++)
      for (let i = 0; i < len; i++) {
        const pi = P[at(axis, k, i, 4)] as number;
        for (let j = 0; j < len; j++) {
          const pj = P[at(axis, k, j, 4)] as number;
          const idx = at(axis, k, i, 4);
          want[idx] = (want[idx] as number) + ((i === j ? pi : 0) - pi * pj) * (r.dy[at(axis, k, j, 4)] as number);
        }
      }
    expect(relativeError(r.vjps[0] as Float32Array, want)).toBeLessThan(1e-5);
  });

  it('is shift-invariant and stable for huge scores', () => {
    const big = { shape: [3], data: Float32Array.from([1000, 1001, 999]) };
    const small = { shape: [3], data: Float32Array.from([1, 2, 0]) };
    const p = forwardValue('softmax', [big]).data;
    expect(Array.from(p).every(Number.isFinite)).toBe(true);
    expect(relativeError(p, forwardValue('softmax', [small]).data)).toBeLessThan(1e-6);
  });

  it.each([
    [[[]], {}],
    [[[3, 4]], { axis: 2 }],
    [[[3, 4]], { axis: -3 }],
  ] as const)('shape error %j %j names attrs.axis', (shapes, attrs) => {
    expectShapeError('softmax', shapes as unknown as Shape[], attrs, 'attrs.axis');
  });
});

describe('attn_scores', () => {
  /** float64 S = Q Kᵀ / √d with d from K (Q [T×d] or [d]). */
  function scores64(Q: Arg, K: Arg): number[] {
    const [n, d] = K.shape as [number, number];
    const T = Q.shape.length === 2 ? (Q.shape[0] as number) : 1;
    const out: number[] = [];
    for (let i = 0; i < T; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += (Q.data[i * d + t] as number) * (K.data[j * d + t] as number);
        out.push(s / Math.sqrt(d));
      }
    return out;
  }

  it.each([
    [
      [4, 3],
      [5, 3],
    ],
    [
      [2, 5],
      [3, 5],
    ],
    [[3], [4, 3]],
    [[5], [6, 5]],
  ] as const)('Q %j, K %j: forward is QKᵀ/√d, VJP vs tf.grads and finite differences', (qs, ks) => {
    const rng = makeRng(qs.length * 10 + ks[1]);
    const Q = arg(rng, qs as unknown as Shape);
    const K = arg(rng, ks as unknown as Shape);
    const y = forwardValue('attn_scores', [Q, K]);
    expect(y.shape).toEqual(qs.length === 2 ? [qs[0], ks[0]] : [ks[0]]);
    expect(relativeError(y.data, scores64(Q, K))).toBeLessThan(1e-6);
    expectVjpCorrect(opNamed('attn_scores'), [Q, K]);
  });

  it('reads d from K: the same dot products are scaled by 1/√3 and 1/√5', () => {
    // q·k = 2 in both cases; only the width differs.
    const q3 = { shape: [3], data: Float32Array.from([1, 1, 0]) };
    const K3 = { shape: [1, 3], data: Float32Array.from([1, 1, 7]) };
    const q5 = { shape: [5], data: Float32Array.from([1, 1, 0, 0, 0]) };
    const K5 = { shape: [1, 5], data: Float32Array.from([1, 1, 7, 7, 7]) };
    expect(forwardValue('attn_scores', [q3, K3]).data[0]).toBeCloseTo(2 / Math.sqrt(3), 6);
    expect(forwardValue('attn_scores', [q5, K5]).data[0]).toBeCloseTo(2 / Math.sqrt(5), 6);
  });

  it('single query: q̄ = Kᵀ s̄/√d, K̄ = s̄ qᵀ/√d', () => {
    const rng = makeRng(12);
    const q = arg(rng, [3]);
    const K = arg(rng, [4, 3]);
    const r = expectVjpCorrect(opNamed('attn_scores'), [q, K]);
    const c = 1 / Math.sqrt(3);
    const dq = [0, 1, 2].map((t) => c * [0, 1, 2, 3].reduce((s, j) => s + (r.dy[j] as number) * (K.data[j * 3 + t] as number), 0));
    const dK = Array.from({ length: 12 }, (_, i) => c * (r.dy[Math.floor(i / 3)] as number) * (q.data[i % 3] as number));
    expect(relativeError(r.vjps[0] as Float32Array, dq)).toBeLessThan(1e-6);
    expect(relativeError(r.vjps[1] as Float32Array, dK)).toBeLessThan(1e-6);
  });

  it.each([
    [[[4, 3], [3]], 'K'],
    [[[4, 3], []], 'K'],
    [
      [
        [4, 3],
        [5, 2],
      ],
      'K',
    ],
    [[[2], [5, 3]], 'K'],
    [[[], [5, 3]], 'Q'],
    [
      [
        [2, 4, 3],
        [5, 3],
      ],
      'Q',
    ],
  ] as const)('shape error %j names %s', (shapes, field) => {
    expectShapeError('attn_scores', shapes as unknown as Shape[], {}, field);
  });
});
