import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/core/compile';
import { GraphError, ShapeError } from '../../../src/core/errors';
import type { Tensor } from '../../../src/core/op';
import { makeRng } from '../../../src/core/random';
import type { Shape } from '../../../src/core/types';
import { gradcheck } from '../../../src/engine/gradcheck';
import { relativeError } from '../../../src/engine/numeric';
import { run } from '../../../src/engine/run';
import { arg, expectShapeError, expectVjpCorrect, FAMILIES, finiteDiffVjp, opContext, opNamed, TOL_FD, TOL_TF, uniform } from './_check';
import { callVjp, expectNoLeakAcrossRuns, forwardValue, v, vjpValues } from './_values';

const op = opNamed('softmax_cross_entropy');

/** Integer labels for `lead` positions of `C` classes. */
function indexLabels(seed: number, lead: Shape, C: number) {
  const rng = makeRng(seed);
  const n = lead.reduce((a, b) => a * b, 1);
  return { shape: lead, data: Float32Array.from({ length: n }, () => Math.floor(rng.uniform() * C)) };
}

describe('softmax_cross_entropy: VJP vs tf.grads and finite differences', () => {
  it('covers the whole family', () => {
    expect(FAMILIES.cross_entropy).toEqual(['softmax_cross_entropy']);
  });

  // Class indices: the labels slot has no VJP; logits are checked against tf.grads (labels held
  // fixed) and finite differences.
  it.each([
    [[5], []],
    [[4, 3], [4]],
    [
      [2, 3, 5],
      [2, 3],
    ],
    [[1, 2], [1]],
  ] as const)('logits %j with class indices %j', (zs, ls) => {
    const logits = arg(makeRng(zs.length + 40), zs as unknown as Shape, uniform(-3, 3));
    const labels = indexLabels(zs.length, ls as unknown as Shape, zs[zs.length - 1] as number);
    const before = tf.memory().numTensors;
    const { vjp, ref, dy, nullSlot } = tf.tidy(() => {
      const z = tf.tensor(logits.data, logits.shape);
      const q = tf.tensor(labels.data, labels.shape);
      const ctx = opContext();
      const y = op.forward([z, q], {}, ctx);
      const dyT = tf.scalar(1.7);
      const thunks = callVjp(op, [z, q], y, dyT, {}, ctx);
      const g = (thunks[0] as () => Tensor)();
      const t = tf.grads((a: Tensor) => op.forward([a, q], {}, ctx))([z], dyT)[0] as Tensor;
      return { vjp: g.dataSync(), ref: t.dataSync(), dy: Float32Array.of(1.7), nullSlot: thunks[1] === null };
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(nullSlot).toBe(true);
    expect(relativeError(vjp, ref)).toBeLessThan(TOL_TF);
    expect(relativeError(vjp, finiteDiffVjp(op, {}, [logits, labels], 0, dy))).toBeLessThan(TOL_FD);
  });

  // Distributions (one-hot or soft): both slots differentiable, the standard three-way check.
  it.each([[[5]], [[4, 3]], [[2, 3, 4]]] as const)('logits and soft targets of shape %j', (s) => {
    const rng = makeRng(s.length + 7);
    expectVjpCorrect(op, [arg(rng, s as unknown as Shape, uniform(-3, 3)), arg(rng, s as unknown as Shape, uniform(0, 1))]);
  });
});

describe('softmax_cross_entropy: values', () => {
  // Row 0: −log softmax([1, 2, 3])₂ = 0.40760596…; row 1: −log(1/3) = 1.09861228…; mean 0.75310912…
  const logits = v([2, 3], [1, 2, 3, 1, 1, 1]);

  it('known logits with class indices: the batch mean of −log p(true class)', () => {
    const y = forwardValue('softmax_cross_entropy', [logits, [2, 0]]);
    expect(y.shape).toEqual([]);
    expect(y.data[0]).toBeCloseTo(0.7531091265562448, 6);
  });

  it('one-hot labels give the same loss and logits gradient as class indices', () => {
    const oneHot = v([2, 3], [0, 0, 1, 1, 0, 0]);
    expect(forwardValue('softmax_cross_entropy', [logits, oneHot]).data[0]).toBeCloseTo(0.7531091265562448, 6);
    const [a] = vjpValues('softmax_cross_entropy', [logits, [2, 0]]);
    const [b] = vjpValues('softmax_cross_entropy', [logits, oneHot]);
    expect(a).toEqual(b);
  });

  it('the logits gradient is (softmax − one-hot)/N', () => {
    const [e0, e1, e2] = [1, 2, 3].map(Math.exp) as [number, number, number];
    const s = e0 + e1 + e2;
    const want = [e0 / s, e1 / s, e2 / s - 1, 1 / 3 - 1, 1 / 3, 1 / 3].map((g) => g / 2);
    const [g, none] = vjpValues('softmax_cross_entropy', [logits, [2, 0]]);
    g?.forEach((d, i) => {
      expect(d).toBeCloseTo(want[i] as number, 6);
    });
    expect(none).toBeNull();
  });

  it('a single example: logits [C] with a scalar class index', () => {
    expect(forwardValue('softmax_cross_entropy', [[1, 2, 3], v([], [2])]).data[0]).toBeCloseTo(0.40760596444438013, 6);
  });

  it('stable for huge logits: subtracts the max instead of overflowing', () => {
    expect(forwardValue('softmax_cross_entropy', [v([1, 3], [1000, 0, -1000]), [0]]).data).toEqual([0]);
    expect(forwardValue('softmax_cross_entropy', [v([1, 3], [1000, 0, -1000]), [1]]).data).toEqual([1000]);
    const [g] = vjpValues('softmax_cross_entropy', [v([1, 3], [1000, 0, -1000]), [1]]);
    expect(g).toEqual([1, -1, 0]);
  });

  it('through the engine: labels as a constant leaf get no gradient, logits do', () => {
    const program = compile({
      nodes: [
        {
          id: 'z',
          op: 'leaf',
          value: [
            [1, 2, 3],
            [1, 1, 1],
          ],
          role: 'param',
        },
        { id: 'y', op: 'leaf', value: [2, 0], role: 'constant' },
        { id: 'L', op: 'softmax_cross_entropy', inputs: ['z', 'y'] },
      ],
      objectives: [{ name: 'L', node: 'L' }],
    });
    const trace = run(program);
    expect(trace.values.get('L')?.data[0]).toBeCloseTo(0.7531091265562448, 6);
    expect(trace.grads.has('y')).toBe(false);
    expect(trace.grads.get('z')?.data[5]).toBeCloseTo(1 / 6, 6);
    expectNoLeakAcrossRuns(program);
  });
});

describe('softmax_cross_entropy: bad labels', () => {
  it.each([
    [[3, 0], /label 3 at position 0 is not a class index in 0\.\.2/],
    [[1.5, 0], /label 1\.5 at position 0/],
    [[0, -1], /label -1 at position 1/],
  ])('class indices %j are refused, naming labels', (labels, msg) => {
    let err: unknown;
    try {
      forwardValue('softmax_cross_entropy', [v([2, 3], [1, 2, 3, 1, 1, 1]), labels]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ShapeError);
    expect((err as ShapeError).field).toBe('labels');
    expect((err as Error).message).toMatch(msg);
  });

  it('…and through the engine the error is located at the node and field', () => {
    const program = compile({
      nodes: [
        { id: 'z', op: 'leaf', value: [[1, 2, 3]], role: 'param' },
        { id: 'y', op: 'leaf', value: [7], role: 'constant' },
        { id: 'CE', op: 'softmax_cross_entropy', inputs: ['z', 'y'] },
      ],
      objectives: [{ name: 'L', node: 'CE' }],
    });
    let err: unknown;
    try {
      run(program);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GraphError);
    expect((err as GraphError).problems[0]).toMatchObject({ node: 'CE', field: 'labels' });
  });

  it('class-index labels as a gradient leaf: gradcheck probes them off the integers and is told to make them constant', () => {
    const program = compile({
      nodes: [
        { id: 'z', op: 'leaf', value: [[1, 2, 3]], role: 'param' },
        { id: 'y', op: 'leaf', value: [2], role: 'input' },
        { id: 'CE', op: 'softmax_cross_entropy', inputs: ['z', 'y'] },
      ],
      objectives: [{ name: 'L', node: 'CE' }],
    });
    expect(run(program).grads.has('y')).toBe(false);
    expect(() => gradcheck(program)).toThrow(/node "CE", field "labels".*make the labels leaf a constant/);
  });

  it.each([
    [[[4, 3], [3]], 'labels'],
    [
      [
        [4, 3],
        [4, 2],
      ],
      'labels',
    ],
    [
      [
        [4, 3],
        [4, 3, 1],
      ],
      'labels',
    ],
    [[[4, 3], []], 'labels'],
    [[[], []], 'logits'],
  ] as const)('shapes %j: a compile-time error naming %s', (shapes, field) => {
    expectShapeError('softmax_cross_entropy', shapes as unknown as Shape[], {}, field);
  });

  it('the message says what would fit', () => {
    expect(() => op.shape([[4, 3], [3]], {})).toThrow(
      'shape [3] fits neither class indices [4] nor one-hot/distribution rows [4×3] for logits [4×3]',
    );
  });
});
