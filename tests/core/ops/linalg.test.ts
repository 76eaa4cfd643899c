import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../src/core/random';
import type { Shape } from '../../../src/core/types';
import { relativeError } from '../../../src/engine/numeric';
import { type Arg, arg, expectShapeError, expectVjpCorrect, FAMILIES, opContext, opNamed } from './_check';

const forward = (name: string, args: Arg[]) =>
  tf.tidy(() => {
    const y = opNamed(name).forward(
      args.map((a) => tf.tensor(a.data, a.shape)),
      {},
      opContext(),
    );
    return { shape: y.shape, data: y.dataSync() };
  });

/** float64 C = A·B for row-major A [m×k], B [k×n]. */
function matmul64(a: Float32Array, b: Float32Array, m: number, k: number, n: number): number[] {
  const c: number[] = [];
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += (a[i * k + t] as number) * (b[t * n + j] as number);
      c.push(s);
    }
  return c;
}

describe('linear algebra ops: VJP vs tf.grads and finite differences', () => {
  it('covers the whole family', () => {
    expect(FAMILIES.linalg).toEqual(['matmul', 'transpose', 'outer', 'dot', 'half_squared_error']);
  });

  const CASES: [string, Shape[]][] = [
    [
      'matmul',
      [
        [3, 4],
        [4, 2],
      ],
    ],
    ['matmul', [[3, 4], [4]]],
    ['matmul', [[4], [4, 2]]],
    ['matmul', [[1, 1], [1]]],
    [
      'matmul',
      [
        [6, 5],
        [5, 6],
      ],
    ],
    ['transpose', [[3, 4]]],
    ['transpose', [[1, 5]]],
    ['outer', [[3], [4]]],
    ['outer', [[1], [2]]],
    ['dot', [[], []]],
    ['dot', [[5], [5]]],
    [
      'dot',
      [
        [3, 4],
        [3, 4],
      ],
    ],
    ['half_squared_error', [[], []]],
    ['half_squared_error', [[5], [5]]],
    [
      'half_squared_error',
      [
        [3, 4],
        [3, 4],
      ],
    ],
  ];
  it.each(CASES.map(([n, s]) => [`${n} ${JSON.stringify(s)}`, n, s] as const))('%s', (_, name, shapes) => {
    const rng = makeRng(shapes.flat().reduce((a, b) => a + b, 3));
    expectVjpCorrect(
      opNamed(name),
      shapes.map((s) => arg(rng, s)),
    );
  });
});

describe('matmul: the three forms', () => {
  const rng = makeRng(5);
  const A = arg(rng, [3, 4]);
  const B = arg(rng, [4, 2]);
  const v = arg(rng, [4]);
  const u = arg(rng, [3]);

  it('matrix · matrix', () => {
    const y = forward('matmul', [A, B]);
    expect(y.shape).toEqual([3, 2]);
    expect(relativeError(y.data, matmul64(A.data, B.data, 3, 4, 2))).toBeLessThan(1e-6);
  });

  it('matrix · vector is a vector (A v)', () => {
    const y = forward('matmul', [A, v]);
    expect(y.shape).toEqual([3]);
    expect(relativeError(y.data, matmul64(A.data, v.data, 3, 4, 1))).toBeLessThan(1e-6);
  });

  it('vector · matrix is a vector (uᵀ A)', () => {
    const y = forward('matmul', [u, A]);
    expect(y.shape).toEqual([4]);
    expect(relativeError(y.data, matmul64(u.data, A.data, 1, 3, 4))).toBeLessThan(1e-6);
  });

  it('VJPs of A v: Ā = ȳ vᵀ, v̄ = Aᵀ ȳ', () => {
    const r = expectVjpCorrect(opNamed('matmul'), [A, v]);
    expect(relativeError(r.vjps[0] as Float32Array, matmul64(r.dy, v.data, 3, 1, 4))).toBeLessThan(1e-6);
    const At = Float32Array.from({ length: 12 }, (_, i) => A.data[(i % 3) * 4 + Math.floor(i / 3)] as number);
    expect(relativeError(r.vjps[1] as Float32Array, matmul64(At, r.dy, 4, 3, 1))).toBeLessThan(1e-6);
  });

  it.each([
    [
      'inner dimensions differ',
      [
        [3, 4],
        [3, 2],
      ],
      'B',
    ],
    ['matrix · wrong-length vector', [[3, 4], [3]], 'B'],
    ['vector · vector (use dot)', [[4], [4]], 'B'],
    [
      'rank-3 A',
      [
        [2, 3, 4],
        [4, 2],
      ],
      'A',
    ],
    ['scalar A', [[], [4, 2]], 'A'],
    ['scalar B', [[3, 4], []], 'B'],
  ] as const)('shape error: %s', (_, shapes, field) => {
    expectShapeError('matmul', shapes as unknown as Shape[], {}, field);
  });
});

describe('transpose, outer, dot, half_squared_error: values and shape errors', () => {
  const rng = makeRng(8);

  it('transpose swaps the axes', () => {
    const X = arg(rng, [2, 3]);
    const y = forward('transpose', [X]);
    expect(y.shape).toEqual([3, 2]);
    expect(Array.from(y.data)).toEqual([0, 3, 1, 4, 2, 5].map((i) => X.data[i]));
  });

  it('outer is u vᵀ', () => {
    const u = arg(rng, [3]);
    const v = arg(rng, [2]);
    const y = forward('outer', [u, v]);
    expect(y.shape).toEqual([3, 2]);
    expect(relativeError(y.data, matmul64(u.data, v.data, 3, 1, 2))).toBeLessThan(1e-6);
  });

  it('dot is Σ aᵢbᵢ for any matching shape', () => {
    const a = arg(rng, [3, 4]);
    const b = arg(rng, [3, 4]);
    const y = forward('dot', [a, b]);
    expect(y.shape).toEqual([]);
    expect(y.data[0]).toBeCloseTo(
      a.data.reduce((s, x, i) => s + x * (b.data[i] as number), 0),
      5,
    );
  });

  it('half_squared_error is ½‖ŷ − y‖², with ȳ = −(ŷ − y)·L̄', () => {
    const yhat = arg(rng, [5]);
    const y = arg(rng, [5]);
    const out = forward('half_squared_error', [yhat, y]);
    expect(out.data[0]).toBeCloseTo(0.5 * yhat.data.reduce((s, x, i) => s + (x - (y.data[i] as number)) ** 2, 0), 5);
    const r = expectVjpCorrect(opNamed('half_squared_error'), [yhat, y]);
    const resid = Array.from(yhat.data, (x, i) => (x - (y.data[i] as number)) * (r.dy[0] as number));
    expect(relativeError(r.vjps[0] as Float32Array, resid)).toBeLessThan(1e-6);
    expect(
      relativeError(
        r.vjps[1] as Float32Array,
        resid.map((x) => -x),
      ),
    ).toBeLessThan(1e-6);
  });

  it.each([
    ['transpose', [[4]], 'X'],
    ['transpose', [[]], 'X'],
    ['transpose', [[2, 3, 4]], 'X'],
    ['outer', [[2, 3], [3]], 'u'],
    ['outer', [[3], []], 'v'],
    ['dot', [[3], [4]], 'b'],
    [
      'dot',
      [
        [3, 4],
        [4, 3],
      ],
      'b',
    ],
    ['half_squared_error', [[3], [3, 1]], 'y'],
  ] as const)('shape error: %s %j names %s', (name, shapes, field) => {
    expectShapeError(name, shapes as unknown as Shape[], {}, field);
  });
});
