import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/core/compile';
import { makeRng } from '../../../src/core/random';
import type { AttrValue, Shape } from '../../../src/core/types';
import { run } from '../../../src/engine/run';
import { arg, awayFromZero, expectVjpCorrect, FAMILIES, opNamed, type Sampler, uniform } from './_check';
import { expectNoLeakAcrossRuns, forwardValue, vjpValues } from './_values';

// Elementwise ops of issue 11: abs, sqrt, leaky_relu, gelu, softplus.
type Case = [string, Record<string, AttrValue>, Sampler];
const CASES: Case[] = [
  // abs and leaky_relu have a kink at 0: keep entries further from it than the FD step.
  ['abs', {}, awayFromZero(0.05, 2)],
  // sqrt only on x > 0, away from the infinite slope at 0.
  ['sqrt', {}, uniform(0.2, 3)],
  ['leaky_relu', {}, awayFromZero(0.05, 2)],
  ['leaky_relu', { alpha: 0.2 }, awayFromZero(0.05, 2)],
  ['leaky_relu', { alpha: -0.5 }, awayFromZero(0.05, 2)],
  ['gelu', {}, uniform(-3, 3)],
  ['gelu', { approximate: 'tanh' }, uniform(-3, 3)],
  ['softplus', {}, uniform(-4, 4)],
];
const SHAPES: Shape[] = [[], [5], [3, 4], [2, 3, 4]];

describe('issue-11 elementwise ops: VJP vs tf.grads and finite differences', () => {
  it('covers the whole family', () => {
    expect(new Set(CASES.map((c) => c[0]))).toEqual(new Set(FAMILIES.nonlinear2));
  });

  for (const [name, attrs, sample] of CASES) {
    it.each(SHAPES.map((s) => [JSON.stringify(s), s] as const))(`${name} ${JSON.stringify(attrs)} at %s`, (_, shape) => {
      const rng = makeRng(shape.length * 17 + name.length);
      expectVjpCorrect(opNamed(name), [arg(rng, shape, sample)], attrs);
    });
  }
});

describe('abs', () => {
  it('drops the sign; the gradient is sign(x), and 0 at x = 0', () => {
    expect(forwardValue('abs', [[-2, 0, 3.5]]).data).toEqual([2, 0, 3.5]);
    expect(vjpValues('abs', [[-2, 0, 3.5]], {}, [5, 7, 11])[0]).toEqual([-5, 0, 11]);
  });
});

describe('sqrt', () => {
  it('values and the gradient 1/(2√x)', () => {
    expect(forwardValue('sqrt', [[4, 9, 0.25]]).data).toEqual([2, 3, 0.5]);
    expect(vjpValues('sqrt', [[4, 9, 0.25]])[0]).toEqual([0.25, 1 / 6, 1].map(Math.fround));
  });

  it('at x = 0 the gradient is +Inf, and the engine flags it as a fault at the sqrt node', () => {
    const program = compile({
      nodes: [
        { id: 'x', op: 'leaf', value: [0, 4], role: 'param' },
        { id: 'r', op: 'sqrt', inputs: ['x'] },
        { id: 'L', op: 'sum', inputs: ['r'] },
      ],
      objectives: [{ name: 'L', node: 'L' }],
    });
    const trace = run(program);
    expect(Array.from(trace.values.get('r')?.data ?? [])).toEqual([0, 2]);
    expect(Array.from(trace.grads.get('x')?.data ?? [])).toEqual([Number.POSITIVE_INFINITY, 0.25]);
    expect(trace.faults).toHaveLength(1);
    expect(trace.faults[0]?.node).toBe('r');
    expect(trace.faults[0]?.message).toMatch(/gradient of "r" contains NaN or Inf/);
  });
});

describe('leaky_relu', () => {
  it('scales negatives by alpha (default 0.01); at 0 the slope is alpha', () => {
    expect(forwardValue('leaky_relu', [[-2, 0, 3]], { alpha: 0.1 }).data).toEqual([-0.2, 0, 3].map(Math.fround));
    expect(forwardValue('leaky_relu', [[-100]]).data).toEqual([-1]);
    expect(vjpValues('leaky_relu', [[-2, 0, 3]], { alpha: 0.1 }, [10, 10, 10])[0]).toEqual([1, 1, 10]);
  });

  it('rejects a non-finite alpha, naming the attr', () => {
    const spec = (alpha: number) => ({
      nodes: [
        { id: 'x', op: 'leaf', value: [1], role: 'input' as const },
        { id: 'y', op: 'leaky_relu', inputs: ['x'], attrs: { alpha } },
        { id: 'L', op: 'sum', inputs: ['y'] },
      ],
      objectives: [{ name: 'L', node: 'L' }],
    });
    expect(() => compile(spec(Number.POSITIVE_INFINITY))).toThrow(/attrs\.alpha/);
    expect(() => compile(spec(0.3))).not.toThrow();
  });
});

describe('gelu', () => {
  // x·Φ(x) in float64: Φ(1) = 0.841344746…, Φ(2) = 0.977249868…
  it('exact form x·Φ(x)', () => {
    const y = forwardValue('gelu', [[1, -1, 2, 0]]).data;
    [0.8413447460685429, -0.15865525393145707, 1.9544997361036416, 0].forEach((want, i) => {
      expect(y[i]).toBeCloseTo(want, 6);
    });
  });

  it('tanh approximation ½x(1 + tanh(√(2/π)(x + 0.044715x³)))', () => {
    const y = forwardValue('gelu', [[1, -1, 2]], { approximate: 'tanh' }).data;
    [0.8411919906082768, -0.15880800939172324, 1.954597694087775].forEach((want, i) => {
      expect(y[i]).toBeCloseTo(want, 6);
    });
  });

  it('the derivative Φ(x) + xφ(x): ½ at 0, ~0 at the minimum x ≈ −0.7518, negative left of it', () => {
    const [g] = vjpValues('gelu', [[0, -0.751791524693564, -1.5, 3]]);
    expect(g?.[0]).toBeCloseTo(0.5, 6);
    expect(Math.abs(g?.[1] as number)).toBeLessThan(1e-6);
    expect(g?.[2]).toBeLessThan(0);
    expect(g?.[3]).toBeCloseTo(0.9986501 + 3 * 0.0044318484, 5);
  });

  it('rejects an unknown approximation, naming the attr', () => {
    const spec = {
      nodes: [
        { id: 'x', op: 'leaf', value: [1], role: 'input' as const },
        { id: 'y', op: 'gelu', inputs: ['x'], attrs: { approximate: 'erf' } },
      ],
      objectives: [{ name: 'y', node: 'y' }],
    };
    expect(() => compile(spec)).toThrow(/attrs\.approximate/);
  });
});

describe('softplus', () => {
  it('log(1 + eˣ), stable at large |x| where the naive form overflows', () => {
    const y = forwardValue('softplus', [[0, 1, 100, -100]]).data;
    expect(y[0]).toBeCloseTo(Math.log(2), 6);
    expect(y[1]).toBeCloseTo(1.3132616875182228, 6);
    expect(y[2]).toBe(100);
    expect(y[3]).toBeGreaterThanOrEqual(0);
    expect(y[3]).toBeLessThan(1e-40);
    // The naive form: e^100 overflows float32.
    expect(tf.tidy(() => tf.log(tf.add(1, tf.exp(tf.tensor([100])))).dataSync()[0])).toBe(Number.POSITIVE_INFINITY);
  });

  it('the gradient is σ(x)', () => {
    const [g] = vjpValues('softplus', [[0, 100, -100, 2]]);
    expect(g).toEqual([0.5, 1, Math.fround(1 / (1 + Math.exp(100))), Math.fround(1 / (1 + Math.exp(-2)))]);
  });
});

describe('issue-11 elementwise ops: shapes and leaks', () => {
  it('keep the input shape', () => {
    for (const name of FAMILIES.nonlinear2) expect(opNamed(name).shape([[2, 3]], opNamed(name).attrs?.parse({}) ?? {})).toEqual([2, 3]);
  });

  it('no tensors leak across repeated engine runs', () => {
    const program = compile({
      nodes: [
        { id: 'x', op: 'leaf', value: [[-1.5, 0.3, 2]], role: 'param' },
        { id: 'a', op: 'abs', inputs: ['x'] },
        { id: 's', op: 'sqrt', inputs: ['a'] },
        { id: 'l', op: 'leaky_relu', inputs: ['x'], attrs: { alpha: 0.1 } },
        { id: 'g', op: 'gelu', inputs: ['l'] },
        { id: 'p', op: 'softplus', inputs: ['g'] },
        { id: 'm', op: 'mul', inputs: ['s', 'p'] },
        { id: 'L', op: 'sum', inputs: ['m'] },
      ],
      objectives: [{ name: 'L', node: 'L' }],
    });
    expectNoLeakAcrossRuns(program);
  });
});
