import { describe, expect, it } from 'vitest';
import { resolveAxis } from '../../../src/core/ops/_axis';
import { makeRng } from '../../../src/core/random';
import type { AttrValue, Shape } from '../../../src/core/types';
import { arg, expectShapeError, expectVjpCorrect, FAMILIES, opNamed } from './_check';
import { forwardValue } from './_values';

type Case = [string, Shape[], Record<string, AttrValue>];
const CASES: Case[] = [
  ...(['sum', 'mean'] as const).flatMap((name): Case[] => [
    [name, [[]], {}],
    [name, [[5]], {}],
    [name, [[3, 4]], {}],
    [name, [[3, 4]], { axis: 0 }],
    [name, [[3, 4]], { axis: 1 }],
    [name, [[3, 4]], { axis: -1 }],
    [name, [[2, 3, 4]], {}],
    [name, [[2, 3, 4]], { axis: 1 }],
    [name, [[2, 3, 4]], { axis: -3 }],
    [name, [[5]], { axis: 0 }],
  ]),
  ['reshape', [[3, 4]], { shape: [4, 3] }],
  ['reshape', [[12]], { shape: [3, -1] }],
  ['reshape', [[2, 3, 2]], { shape: [-1] }],
  ['reshape', [[]], { shape: [1, 1] }],
  ['stack', [[3]], {}],
  ['stack', [[], [], []], {}],
  [
    'stack',
    [
      [2, 3],
      [2, 3],
    ],
    {},
  ],
  ['pick', [[5]], { index: 0 }],
  ['pick', [[5]], { index: 4 }],
  ['pick', [[1]], { index: 0 }],
];

describe('reductions and layout ops: VJP vs tf.grads and finite differences', () => {
  it('covers the whole family', () => {
    expect(new Set(CASES.map((c) => c[0]))).toEqual(new Set(FAMILIES.reductions));
  });

  it.each(CASES.map(([n, s, a]) => [`${n} ${JSON.stringify(s)} ${JSON.stringify(a)}`, n, s, a] as const))(
    '%s',
    (_, name, shapes, attrs) => {
      const rng = makeRng(shapes.length * 13 + name.length);
      expectVjpCorrect(
        opNamed(name),
        shapes.map((s) => arg(rng, s)),
        attrs,
      );
    },
  );
});

describe('reductions and layout ops: values', () => {
  const x = { shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) };

  it('sum and mean over all axes (the default) and along one', () => {
    expect(forwardValue('sum', [x])).toEqual({ shape: [], data: [21] });
    expect(forwardValue('sum', [x], { axis: 0 })).toEqual({ shape: [3], data: [5, 7, 9] });
    expect(forwardValue('sum', [x], { axis: -1 })).toEqual({ shape: [2], data: [6, 15] });
    expect(forwardValue('mean', [x])).toEqual({ shape: [], data: [3.5] });
    expect(forwardValue('mean', [x], { axis: 1 })).toEqual({ shape: [2], data: [2, 5] });
  });

  it('mean backward gives every entry ȳ/n along the reduced axis', () => {
    const r = expectVjpCorrect(opNamed('mean'), [arg(makeRng(2), [2, 3])], { axis: 1 });
    const [d0, d1] = r.dy;
    expect(Array.from(r.vjps[0] as Float32Array)).toEqual([d0, d0, d0, d1, d1, d1].map((d) => Math.fround((d as number) / 3)));
  });

  it('reshape keeps the numbers and fills in a -1', () => {
    expect(forwardValue('reshape', [x], { shape: [3, -1] })).toEqual({ shape: [3, 2], data: [1, 2, 3, 4, 5, 6] });
  });

  it('stack puts the inputs along a new first axis; its VJP hands each its own slice', () => {
    const a = arg(makeRng(1), [2]);
    const b = arg(makeRng(2), [2]);
    expect(forwardValue('stack', [a, b])).toEqual({ shape: [2, 2], data: [...a.data, ...b.data] });
    const r = expectVjpCorrect(opNamed('stack'), [a, b]);
    expect(Array.from(r.vjps[1] as Float32Array)).toEqual(Array.from(r.dy.slice(2)));
  });

  it('pick takes one component; its VJP is ȳ on that component, 0 elsewhere', () => {
    const v = { shape: [4], data: Float32Array.from([7, 8, 9, 10]) };
    expect(forwardValue('pick', [v], { index: 2 })).toEqual({ shape: [], data: [9] });
    const r = expectVjpCorrect(opNamed('pick'), [v], { index: 2 });
    expect(Array.from(r.vjps[0] as Float32Array)).toEqual([0, 0, r.dy[0], 0]);
  });

  it('_axis: negative axes count from the end', () => {
    expect(resolveAxis([2, 3, 4], -1)).toBe(2);
    expect(resolveAxis([2, 3, 4], -3)).toBe(0);
    expect(() => resolveAxis([2, 3, 4], 3)).toThrow(/out of range for rank 3/);
    expect(() => resolveAxis([2, 3, 4], -4)).toThrow(/out of range/);
  });
});

describe('reductions and layout ops: shape errors', () => {
  it.each([
    ['sum', [[3, 4]], { axis: 2 }, 'attrs.axis'],
    ['sum', [[]], { axis: 0 }, 'attrs.axis'],
    ['mean', [[3, 4]], { axis: -3 }, 'attrs.axis'],
    ['mean', [[5]], { axis: 1 }, 'attrs.axis'],
    ['reshape', [[3, 4]], { shape: [5, -1] }, 'attrs.shape'],
    ['reshape', [[3, 4]], { shape: [-1, -1] }, 'attrs.shape'],
    ['reshape', [[3, 4]], { shape: [2, 2] }, 'attrs.shape'],
    ['stack', [[3], [4]], {}, 'inputs[1]'],
    ['stack', [[2], [2], [2, 1]], {}, 'inputs[2]'],
    ['pick', [[2, 3]], { index: 0 }, 'x'],
    ['pick', [[]], { index: 0 }, 'x'],
    ['pick', [[5]], { index: 5 }, 'attrs.index'],
  ] as const)('%s %j %j names %s', (name, shapes, attrs, field) => {
    expectShapeError(name, shapes as unknown as Shape[], attrs as unknown as Record<string, AttrValue>, field);
  });
});
