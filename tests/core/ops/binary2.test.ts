import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/core/compile';
import { makeRng, type Rng } from '../../../src/core/random';
import type { Shape } from '../../../src/core/types';
import { run } from '../../../src/engine/run';
import { type Arg, arg, BROADCAST_PAIRS, expectShapeError, expectVjpCorrect, FAMILIES, opNamed, pairName, uniform } from './_check';
import { forwardValue, v, vjpValues } from './_values';

// maximum and minimum broadcast like the other binary ops. Tie rule: ½ȳ to each input.

/** b = a's pattern shifted so no pair is closer than 0.05 (FD must not cross the switch). */
function inputs(rng: Rng, [sa, sb]: [Shape, Shape]): [Arg, Arg] {
  const a = arg(rng, sa, uniform(-2, 2));
  const b = arg(rng, sb, (r) => {
    for (;;) {
      const x = -2 + 4 * r.uniform();
      if (a.data.every((y) => Math.abs(x - y) > 0.05)) return x;
    }
  });
  return [a, b];
}

describe('maximum, minimum: raw VJP vs tf.grads and finite differences', () => {
  it('covers the whole family', () => {
    expect(FAMILIES.binary2).toEqual(['maximum', 'minimum']);
  });

  for (const name of FAMILIES.binary2) {
    it.each(BROADCAST_PAIRS.map((p) => [pairName(p), p] as const))(`${name}: %s`, (_, pair) => {
      const op = opNamed(name);
      expect(op.broadcast).toBe(true);
      expectVjpCorrect(op, inputs(makeRng(pair[0].length * 5 + pair[1].length), pair));
    });
  }
});

describe('maximum, minimum: values and the tie rule', () => {
  const a = [1, 2, 3, -1];
  const b = [1, 0, 5, -1];

  it('elementwise max/min', () => {
    expect(forwardValue('maximum', [a, b]).data).toEqual([1, 2, 5, -1]);
    expect(forwardValue('minimum', [a, b]).data).toEqual([1, 0, 3, -1]);
  });

  it('the larger (smaller) input takes ȳ; on a tie each takes ½ȳ', () => {
    const dy = [2, 3, 5, 7];
    expect(vjpValues('maximum', [a, b], {}, dy)).toEqual([
      [1, 3, 0, 3.5],
      [1, 0, 5, 3.5],
    ]);
    expect(vjpValues('minimum', [a, b], {}, dy)).toEqual([
      [1, 0, 5, 3.5],
      [1, 3, 0, 3.5],
    ]);
  });

  it('broadcast ties through the engine: L = Σ max(A, c) with c = 1 tied twice', () => {
    const program = compile({
      nodes: [
        {
          id: 'A',
          op: 'leaf',
          value: [
            [1, 2],
            [3, 1],
            [0, -4],
          ],
          role: 'param',
        },
        { id: 'c', op: 'leaf', value: 1, role: 'param' },
        { id: 'M', op: 'maximum', inputs: ['A', 'c'] },
        { id: 'L', op: 'sum', inputs: ['M'] },
      ],
      objectives: [{ name: 'L', node: 'L' }],
    });
    const trace = run(program);
    expect(trace.values.get('L')?.data[0]).toBe(1 + 2 + 3 + 1 + 1 + 1);
    expect(Array.from(trace.grads.get('A')?.data ?? [])).toEqual([0.5, 1, 1, 0.5, 0, 0]);
    // c wins twice outright and ties twice: 1 + 1 + ½ + ½.
    expect(Array.from(trace.grads.get('c')?.data ?? [])).toEqual([3]);
  });

  it('tf.grads uses another tie rule (all of ȳ to a): the shares here still add up to ȳ', () => {
    const [ga, gb] = vjpValues('maximum', [v([3], [1, 1, 1]), v([3], [1, 1, 1])]);
    expect((ga as number[]).map((x, i) => x + ((gb as number[])[i] as number))).toEqual([1, 1, 1]);
    const ref = tf.tidy(() =>
      tf
        .grads((x: tf.Tensor, y: tf.Tensor) => tf.maximum(x, y))([tf.ones([3]), tf.ones([3])])
        .map((g) => Array.from(g.dataSync())),
    );
    expect(ref).toEqual([
      [1, 1, 1],
      [0, 0, 0],
    ]);
  });
});

describe('maximum, minimum: shape errors', () => {
  it.each([
    ['maximum', [[3], [4]]],
    [
      'minimum',
      [
        [2, 3],
        [3, 2],
      ],
    ],
  ] as const)('%s %j names b', (name, shapes) => {
    expectShapeError(name, shapes as unknown as Shape[], {}, 'b');
  });
});
