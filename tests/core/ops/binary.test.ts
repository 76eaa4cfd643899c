import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/core/compile';
import { makeRng, type Rng } from '../../../src/core/random';
import type { NestedNumber, Shape } from '../../../src/core/types';
import { centralDifference, relativeError } from '../../../src/engine/numeric';
import { run } from '../../../src/engine/run';
import {
  type Arg,
  arg,
  awayFromZero,
  BROADCAST_PAIRS,
  expectShapeError,
  expectVjpCorrect,
  FAMILIES,
  opContext,
  opNamed,
  pairName,
  uniform,
} from './_check';

// Broadcasting binary ops (all built on _binary). The raw VJP is at the broadcast shape;
// the engine sums it back over the broadcast axes.

/** div keeps b off 0; the others take any values. */
function inputs(op: string, rng: Rng, [sa, sb]: [Shape, Shape]): [Arg, Arg] {
  return [arg(rng, sa, uniform(-2, 2)), arg(rng, sb, op === 'div' ? awayFromZero(0.5, 2) : uniform(-2, 2))];
}

/** A literal of the given shape from flat data. */
function nested(a: Arg): NestedNumber {
  let k = 0;
  const build = (d: number): NestedNumber =>
    d === a.shape.length ? (a.data[k++] as number) : Array.from({ length: a.shape[d] as number }, () => build(d + 1));
  return build(0);
}

describe('binary ops: raw VJP vs tf.grads and finite differences', () => {
  for (const name of FAMILIES.binary) {
    it.each(BROADCAST_PAIRS.map((p) => [pairName(p), p] as const))(`${name}: %s`, (_, pair) => {
      const op = opNamed(name);
      expect(op.broadcast).toBe(true);
      expectVjpCorrect(op, inputs(name, makeRng(pair[0].length * 7 + pair[1].length), pair));
    });
  }
});

describe('binary ops: the engine reduces broadcast gradients (compile + run)', () => {
  // J = ⟨w, op(a, b)⟩ with a random weight w, so every output entry matters differently.
  function check(name: string, pair: [Shape, Shape]) {
    const rng = makeRng(31);
    const [a, b] = inputs(name, rng, pair);
    const outShape = opNamed(name).shape(pair, {});
    const w = arg(rng, outShape);
    const program = compile({
      nodes: [
        { id: 'a', op: 'leaf', value: nested(a), role: 'param' },
        { id: 'b', op: 'leaf', value: nested(b), role: 'param' },
        { id: 'w', op: 'leaf', value: nested(w), role: 'constant' },
        { id: 'c', op: name, inputs: ['a', 'b'] },
        { id: 'J', op: 'dot', inputs: ['c', 'w'] },
      ],
      objectives: [{ name: 'J', node: 'J' }],
    });
    const trace = run(program);
    const ref = tf.tidy(() => {
      const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(opNamed(name).forward([x, y], {}, opContext()), tf.tensor(w.data, w.shape)));
      return tf
        .grads(f)([tf.tensor(a.data, a.shape), tf.tensor(b.data, b.shape)])
        .map((g) => g.dataSync());
    });
    for (const [i, id] of (['a', 'b'] as const).entries()) {
      const g = trace.grads.get(id);
      expect(g?.shape).toEqual(pair[i]);
      expect(relativeError(g?.data ?? [], ref[i] as Float32Array)).toBeLessThan(1e-5);
      expect(relativeError(g?.data ?? [], centralDifference(program, { of: 'J', wrt: id }))).toBeLessThan(1e-3);
    }
    return { trace, w };
  }

  for (const name of FAMILIES.binary) {
    it.each(BROADCAST_PAIRS.filter(([x, y]) => x.join() !== y.join()).map((p) => [pairName(p), p] as const))(`${name}: %s`, (_, pair) => {
      check(name, pair);
    });
  }

  it('add [3×4] + [4]: ∂J/∂b is the column sum of w, ∂J/∂a is w itself', () => {
    const { trace, w } = check('add', [[3, 4], [4]]);
    const colSums = [0, 1, 2, 3].map((j) => [0, 1, 2].reduce((s, i) => s + (w.data[i * 4 + j] as number), 0));
    expect(relativeError(trace.grads.get('b')?.data ?? [], colSums)).toBeLessThan(1e-6);
    expect(Array.from(trace.grads.get('a')?.data ?? [])).toEqual(Array.from(w.data));
  });

  it('scalar + matrix: ∂J/∂scalar is the sum of every weight', () => {
    const { trace, w } = check('add', [[], [3, 4]]);
    expect(trace.grads.get('a')?.shape).toEqual([]);
    expect(trace.grads.get('a')?.data[0]).toBeCloseTo(
      w.data.reduce((s, v) => s + v, 0),
      5,
    );
  });

  it('does not leak tensors across repeated runs', () => {
    check('mul', [
      [3, 1],
      [1, 4],
    ]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) check('div', [[3, 4], [4]]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('binary ops: shape errors name input b', () => {
  const BAD: [Shape, Shape][] = [
    [[3], [4]],
    [[3, 4], [3]],
    [
      [2, 3],
      [3, 2],
    ],
    [
      [2, 3, 4],
      [5, 4],
    ],
  ];
  for (const name of FAMILIES.binary) {
    it.each(BAD.map((p) => [pairName(p), p] as const))(`${name}: %s`, (_, pair) => {
      expectShapeError(name, pair, {}, 'b');
    });
  }
});
