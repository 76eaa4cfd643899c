import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/core/compile';
import { makeRng } from '../../../src/core/random';
import type { AttrValue, Shape } from '../../../src/core/types';
import { run } from '../../../src/engine/run';
import { arg, expectShapeError, expectVjpCorrect, FAMILIES, opNamed, type Sampler, uniform } from './_check';
import { expectNoLeakAcrossRuns, forwardValue, v, vjpValues } from './_values';

// max (tie rule: ȳ split equally among the maxima), logsumexp, log_softmax.
type Case = [string, Shape, Record<string, AttrValue>];
const AXES: [Shape, Record<string, AttrValue>][] = [
  [[], {}],
  [[5], {}],
  [[5], { axis: 0 }],
  [[3, 4], {}],
  [[3, 4], { axis: 0 }],
  [[3, 4], { axis: 1 }],
  [[3, 4], { axis: -1 }],
  [[2, 3, 4], {}],
  [[2, 3, 4], { axis: 1 }],
  [[2, 3, 4], { axis: -3 }],
];
const CASES: Case[] = [
  ...AXES.map(([s, a]): Case => ['max', s, a]),
  ...AXES.map(([s, a]): Case => ['logsumexp', s, a]),
  ['log_softmax', [5], {}],
  ['log_softmax', [3, 4], {}],
  ['log_softmax', [3, 4], { axis: 0 }],
  ['log_softmax', [2, 3, 4], { axis: 1 }],
  ['log_softmax', [2, 3, 4], { axis: -1 }],
  ['log_softmax', [1], {}],
];

/** Uniform in [−2, 2], each draw at least `gap` from every earlier one: FD never crosses a change of argmax. */
function apart(gap: number): Sampler {
  const seen: number[] = [];
  return (r) => {
    for (;;) {
      const x = -2 + 4 * r.uniform();
      if (seen.every((y) => Math.abs(x - y) > gap)) {
        seen.push(x);
        return x;
      }
    }
  };
}

describe('max, logsumexp, log_softmax: VJP vs tf.grads and finite differences', () => {
  it('covers the whole family', () => {
    expect(new Set(CASES.map((c) => c[0]))).toEqual(new Set(FAMILIES.reductions2));
  });

  it.each(CASES.map(([n, s, a]) => [`${n} ${JSON.stringify(s)} ${JSON.stringify(a)}`, n, s, a] as const))('%s', (_, name, shape, attrs) => {
    // Random continuous inputs: ties (for max) have probability 0; the tests below pin them down.
    const rng = makeRng(shape.length * 11 + name.length + JSON.stringify(attrs).length);
    expectVjpCorrect(opNamed(name), [arg(rng, shape, name === 'max' ? apart(0.05) : uniform(-2, 2))], attrs);
  });
});

describe('max: values and the tie rule', () => {
  const x = v([2, 3], [1, 5, 2, 4, 0, 6]);

  it('over everything (the default) and along an axis', () => {
    expect(forwardValue('max', [x])).toEqual({ shape: [], data: [6] });
    expect(forwardValue('max', [x], { axis: 0 })).toEqual({ shape: [3], data: [4, 5, 6] });
    expect(forwardValue('max', [x], { axis: -1 })).toEqual({ shape: [2], data: [5, 6] });
  });

  it('a single maximum takes all of ȳ', () => {
    expect(vjpValues('max', [x], { axis: 1 }, [10, 20])[0]).toEqual([0, 10, 0, 0, 0, 20]);
  });

  it('k tied maxima take ȳ/k each', () => {
    expect(vjpValues('max', [[1, 3, 3, 2]], {}, [6])[0]).toEqual([0, 3, 3, 0]);
    expect(vjpValues('max', [[2, 2, 2]], {}, [1])[0]).toEqual([1, 1, 1].map(() => Math.fround(1 / 3)));
    // Per row: row 0 ties twice, row 1 has one maximum; column-wise ties are per column.
    const t = v([2, 2], [1, 1, 2, 0]);
    expect(vjpValues('max', [t], { axis: 1 }, [4, 8])[0]).toEqual([2, 2, 8, 0]);
    expect(vjpValues('max', [v([2, 2], [1, 1, 1, 0])], { axis: 0 }, [4, 8])[0]).toEqual([2, 8, 2, 0]);
  });

  it('ties through the engine: the shares add up to ȳ', () => {
    const program = compile({
      nodes: [
        { id: 'x', op: 'leaf', value: [3, -1, 3, 3], role: 'param' },
        { id: 'm', op: 'max', inputs: ['x'] },
        { id: 'L', op: 'scale', inputs: ['m'], attrs: { by: 3 } },
      ],
      objectives: [{ name: 'L', node: 'L' }],
    });
    expect(Array.from(run(program).grads.get('x')?.data ?? [])).toEqual([1, 0, 1, 1]);
  });
});

describe('logsumexp and log_softmax: values and stability', () => {
  it('logsumexp equals log Σ eˣ where that is representable', () => {
    const y = forwardValue('logsumexp', [[1, 2, 3]]).data[0] as number;
    expect(y).toBeCloseTo(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), 5);
    expect(forwardValue('logsumexp', [v([2, 2], [0, 0, 1, 1])], { axis: 1 }).data.map((d) => d - Math.log(2))).toEqual([
      expect.closeTo(0, 6),
      expect.closeTo(1, 6),
    ]);
  });

  it('logsumexp stays finite where e^x overflows or underflows float32', () => {
    expect(forwardValue('logsumexp', [[1000, 1000]]).data[0]).toBeCloseTo(1000 + Math.log(2), 3);
    expect(forwardValue('logsumexp', [[-1000, -1000]]).data[0]).toBeCloseTo(-1000 + Math.log(2), 3);
    expect(vjpValues('logsumexp', [[1000, 1000, 0]])[0]).toEqual([0.5, 0.5, 0]);
  });

  it('logsumexp VJP is the softmax times ȳ', () => {
    const [g] = vjpValues('logsumexp', [[0, Math.log(3)]], {}, [2]);
    expect(g?.[0]).toBeCloseTo(0.5, 6);
    expect(g?.[1]).toBeCloseTo(1.5, 6);
  });

  it('log_softmax: x − logsumexp(x) along the axis; rows exponentiate to 1', () => {
    const y = forwardValue('log_softmax', [v([2, 3], [1, 2, 3, 0, 0, 0])]).data;
    const want = [1, 2, 3].map((x) => x - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)));
    y.slice(0, 3).forEach((d, i) => {
      expect(d).toBeCloseTo(want[i] as number, 6);
    });
    y.slice(3).forEach((d) => {
      expect(d).toBeCloseTo(-Math.log(3), 6);
    });
    expect(forwardValue('log_softmax', [[1000, 0]]).data).toEqual([0, -1000]);
  });

  it('log_softmax VJP: ȳ − softmax · Σȳ, summing to 0 along the axis', () => {
    const x = [0.3, -1, 2];
    const z = x.reduce((a, b) => a + Math.exp(b), 0);
    const [g] = vjpValues('log_softmax', [x], {}, [5, 5, 5]);
    g?.forEach((d, i) => {
      expect(d).toBeCloseTo(5 - 15 * (Math.exp(x[i] as number) / z), 5);
    });
    expect(Math.abs((g ?? []).reduce((a, b) => a + b, 0))).toBeLessThan(1e-5);
    const [h] = vjpValues('log_softmax', [[0, 0]], {}, [1, 0]);
    expect(h).toEqual([0.5, -0.5]);
  });

  it('no tensors leak across repeated engine runs', () => {
    const program = compile({
      nodes: [
        {
          id: 'x',
          op: 'leaf',
          value: [
            [0.5, -1, 2],
            [3, 0, 1],
          ],
          role: 'param',
        },
        { id: 'ls', op: 'log_softmax', inputs: ['x'] },
        { id: 'lse', op: 'logsumexp', inputs: ['ls'], attrs: { axis: 0 } },
        { id: 'm', op: 'max', inputs: ['lse'] },
      ],
      objectives: [{ name: 'm', node: 'm' }],
    });
    expectNoLeakAcrossRuns(program);
  });
});

describe('max, logsumexp, log_softmax: shape errors', () => {
  it.each([
    ['max', [[3, 4]], { axis: 2 }],
    ['max', [[]], { axis: 0 }],
    ['logsumexp', [[3, 4]], { axis: -3 }],
    ['log_softmax', [[3, 4]], { axis: 2 }],
    ['log_softmax', [[]], {}],
  ] as const)('%s %j %j names attrs.axis', (name, shapes, attrs) => {
    expectShapeError(name, shapes as unknown as Shape[], attrs as unknown as Record<string, AttrValue>, 'attrs.axis');
  });

  it('reductions drop the axis; log_softmax keeps the shape', () => {
    expect(opNamed('max').shape([[2, 3, 4]], { axis: 1 })).toEqual([2, 4]);
    expect(opNamed('logsumexp').shape([[2, 3, 4]], { axis: null })).toEqual([]);
    expect(opNamed('log_softmax').shape([[2, 3, 4]], { axis: -1 })).toEqual([2, 3, 4]);
  });
});
