import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/core/compile';
import { GraphError } from '../../../src/core/errors';
import { vjpArgs } from '../../../src/core/op';
import { makeRng } from '../../../src/core/random';
import type { AttrValue, Shape } from '../../../src/core/types';
import { relativeError } from '../../../src/engine/numeric';
import { arg, awayFromZero, expectVjpCorrect, FAMILIES, opContext, opNamed, parseAttrs, type Sampler, uniform } from './_check';

// Unary elementwise ops (all built on _unary except pow and scale, which carry an attr).
const SHAPES: Shape[] = [[], [5], [3, 4], [2, 3, 2]];

interface Case {
  op: string;
  attrs?: Record<string, AttrValue>;
  sample: Sampler;
}

const CASES: Case[] = [
  { op: 'neg', sample: uniform(-2, 2) },
  { op: 'square', sample: uniform(-2, 2) },
  { op: 'pow', attrs: { p: 2 }, sample: uniform(-2, 2) },
  { op: 'pow', attrs: { p: 3 }, sample: uniform(-2, 2) },
  { op: 'pow', attrs: { p: -1 }, sample: awayFromZero(0.5, 2) },
  { op: 'pow', attrs: { p: 0.5 }, sample: uniform(0.3, 2) },
  { op: 'pow', attrs: { p: 1.7 }, sample: uniform(0.3, 2) },
  { op: 'pow', attrs: { p: 0 }, sample: uniform(-2, 2) },
  { op: 'exp', sample: uniform(-2, 2) },
  { op: 'log', sample: uniform(0.3, 3) },
  { op: 'sin', sample: uniform(-3, 3) },
  { op: 'cos', sample: uniform(-3, 3) },
  { op: 'tanh', sample: uniform(-3, 3) },
  { op: 'sigmoid', sample: uniform(-3, 3) },
  // |x| ≥ 0.05 > h: no finite-difference stencil straddles the kink.
  { op: 'relu', sample: awayFromZero(0.05, 2) },
  { op: 'scale', attrs: { by: 2.5 }, sample: uniform(-2, 2) },
  { op: 'scale', attrs: { by: -0.3 }, sample: uniform(-2, 2) },
  { op: 'scale', attrs: { by: 0 }, sample: uniform(-2, 2) },
];

/** float64 references: value and derivative. */
const MATH: Record<string, { f: (x: number, a: any) => number; df: (x: number, a: any) => number }> = {
  neg: { f: (x) => -x, df: () => -1 },
  square: { f: (x) => x * x, df: (x) => 2 * x },
  pow: { f: (x, { p }) => x ** p, df: (x, { p }) => (p === 0 ? 0 : p * x ** (p - 1)) },
  exp: { f: Math.exp, df: Math.exp },
  log: { f: Math.log, df: (x) => 1 / x },
  sin: { f: Math.sin, df: Math.cos },
  cos: { f: Math.cos, df: (x) => -Math.sin(x) },
  tanh: { f: Math.tanh, df: (x) => 1 - Math.tanh(x) ** 2 },
  sigmoid: { f: (x) => 1 / (1 + Math.exp(-x)), df: (x) => Math.exp(-x) / (1 + Math.exp(-x)) ** 2 },
  relu: { f: (x) => Math.max(0, x), df: (x) => (x > 0 ? 1 : 0) },
  scale: { f: (x, { by }) => by * x, df: (_x, { by }) => by },
};

const label = (c: Case) => `${c.op}${c.attrs ? ` ${JSON.stringify(c.attrs)}` : ''}`;

describe('elementwise ops: VJP vs tf.grads and finite differences', () => {
  it('covers the whole family', () => {
    expect(new Set(CASES.map((c) => c.op))).toEqual(new Set(FAMILIES.elementwise));
  });

  for (const c of CASES) {
    it.each(SHAPES.map((s) => [JSON.stringify(s), s] as const))(`${label(c)} at %s`, (_, shape) => {
      const rng = makeRng(shape.length * 101 + c.op.length);
      expectVjpCorrect(opNamed(c.op), [arg(rng, shape, c.sample)], c.attrs);
    });
  }
});

describe('elementwise ops: forward and VJP vs float64 formulas', () => {
  it.each(CASES.map((c) => [label(c), c] as const))('%s', (_, c) => {
    const op = opNamed(c.op);
    const attrs = parseAttrs(op, c.attrs);
    const x = arg(makeRng(9), [7], c.sample);
    const dy = Float32Array.from([0.3, -1.2, 0.7, 2, -0.5, 1, 0.1]);
    const [y, g] = tf.tidy(() => {
      const xt = tf.tensor(x.data, x.shape);
      const yt = op.forward([xt], attrs, opContext());
      const gt = (op.vjp(vjpArgs(op, [xt], yt, tf.tensor(dy), attrs), opContext())[0] as () => tf.Tensor)();
      return [yt.dataSync(), gt.dataSync()];
    });
    const m = MATH[c.op] as (typeof MATH)[string];
    expect(
      relativeError(
        y,
        Array.from(x.data, (v) => m.f(v, attrs)),
      ),
    ).toBeLessThan(1e-6);
    expect(
      relativeError(
        g,
        Array.from(x.data, (v, i) => (dy[i] as number) * m.df(v, attrs)),
      ),
    ).toBeLessThan(1e-6);
  });
});

describe('elementwise ops: edge values', () => {
  const vjpAt = (name: string, xs: number[], raw: Record<string, AttrValue> = {}) =>
    tf.tidy(() => {
      const op = opNamed(name);
      const attrs = parseAttrs(op, raw);
      const x = tf.tensor(xs);
      const y = op.forward([x], attrs, opContext());
      return Array.from((op.vjp(vjpArgs(op, [x], y, tf.onesLike(y), attrs), opContext())[0] as () => tf.Tensor)().dataSync());
    });

  it("relu'(0) is 0, as tfjs and the notebook's relu_prime take it", () => {
    expect(vjpAt('relu', [-1, 0, 1])).toEqual([0, 0, 1]);
  });

  it('pow with p = 0 has derivative 0 everywhere, x = 0 included (not 0·0⁻¹ = NaN)', () => {
    expect(vjpAt('pow', [0, -2, 3], { p: 0 })).toEqual([0, 0, 0]);
    expect(vjpAt('pow', [0], { p: 2 })).toEqual([0]);
    expect(vjpAt('pow', [0], { p: 1 })).toEqual([1]);
  });

  it('pow with an integer p works on negative bases', () => {
    expect(vjpAt('pow', [-2], { p: 3 })).toEqual([12]);
  });

  it('sigmoid and tanh saturate to a zero gradient, not NaN', () => {
    for (const g of [...vjpAt('sigmoid', [-40, 40]), ...vjpAt('tanh', [-40, 40])]) {
      expect(Number.isFinite(g)).toBe(true);
      expect(Math.abs(g)).toBeLessThan(1e-12);
    }
  });

  it('keeps the input shape for every rank (these ops have no bad shape)', () => {
    for (const c of CASES) {
      const op = opNamed(c.op);
      for (const s of SHAPES) expect(op.shape([s], parseAttrs(op, c.attrs))).toEqual(s);
    }
  });

  it('rejects a missing or non-finite attr, naming it', () => {
    const bad = (op: string, attrs: Record<string, AttrValue>) => () =>
      compile({
        nodes: [
          { id: 'x', op: 'leaf', value: [1, 2] },
          { id: 'y', op, inputs: ['x'], attrs },
          { id: 'J', op: 'sum', inputs: ['y'] },
        ],
        objectives: [{ name: 'J', node: 'J' }],
      });
    for (const [op, attrs, field] of [
      ['pow', {}, 'attrs.p'],
      ['pow', { p: Number.POSITIVE_INFINITY }, 'attrs.p'],
      ['scale', {}, 'attrs.by'],
      ['scale', { by: 'two' }, 'attrs.by'],
    ] as const) {
      expect(bad(op, attrs)).toThrow(GraphError);
      try {
        bad(op, attrs)();
      } catch (e) {
        expect((e as GraphError).problems[0]).toMatchObject({ node: 'y', field });
      }
    }
  });
});
