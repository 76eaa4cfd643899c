import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/core/compile';
import { GraphError } from '../../src/core/errors';
import { makeRng } from '../../src/core/random';
import type { NestedNumber, NodeSpec } from '../../src/core/types';
import { jacobian, matMul } from '../../src/engine/jacobian';
import { centralDifference, relativeError } from '../../src/engine/numeric';

const leaf = (id: string, value: NestedNumber, role: NodeSpec['role'] = 'input'): NodeSpec => ({ id, op: 'leaf', value, role });
const op = (id: string, name: string, inputs: string[], attrs?: NodeSpec['attrs']): NodeSpec => ({ id, op: name, inputs, attrs });

const rng = makeRng(7);
const randn = (n: number) => Array.from({ length: n }, () => rng.normal());
const randMatrix = (r: number, c: number) => Array.from({ length: r }, () => randn(c));

/** y = tanh(A x) ⊙ e^{x₁}, a map R³ → R⁴ with a dense Jacobian; y₁…y₄ picked out for FD. */
function denseProgram(A: number[][], x: number[]) {
  return compile({
    nodes: [
      leaf('A', A, 'constant'),
      leaf('x', x),
      op('Ax', 'matmul', ['A', 'x']),
      op('t', 'tanh', ['Ax']),
      op('x1', 'pick', ['x'], { index: 0 }),
      op('e', 'exp', ['x1']),
      op('y', 'mul', ['t', 'e']),
      ...[0, 1, 2, 3].map((i) => op(`y${i}`, 'pick', ['y'], { index: i })),
      op('s', 'sum', ['y']),
    ],
    objectives: [{ name: 's', node: 's' }],
  });
}

/** The same map in tfjs; row i of its Jacobian by tf.grad of y_i. */
function tfJacobian(A: number[][], x: number[]): number[][] {
  return tf.tidy(() => {
    const At = tf.tensor2d(A);
    const f = (v: tf.Tensor) => tf.mul(tf.tanh(tf.reshape(tf.matMul(At, tf.reshape(v, [-1, 1])), [-1])), tf.exp(tf.slice(v, [0], [1])));
    return A.map((_, i) =>
      Array.from(
        tf
          .grad((v: tf.Tensor) => tf.sum(tf.slice(f(v), [i], [1])))(tf.tensor1d(x))
          .dataSync(),
      ),
    );
  });
}

describe('jacobian', () => {
  it('is the matrix itself for a linear map', () => {
    const A = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const p = compile({
      nodes: [leaf('A', A, 'constant'), leaf('x', [0.5, -1, 2]), op('y', 'matmul', ['A', 'x']), op('s', 'sum', ['y'])],
      objectives: [{ name: 's', node: 's' }],
    });
    const J = jacobian(p, 'y', 'x');
    expect(J.matrix).toEqual(A);
    expect(J.rows.map((r) => r.shape)).toEqual([[3], [3]]);
  });

  it('matches tf.grads row by row and finite differences column by column', () => {
    for (let trial = 0; trial < 3; trial++) {
      const A = randMatrix(4, 3);
      const x = randn(3);
      const p = denseProgram(A, x);
      const J = jacobian(p, 'y', 'x').matrix;
      expect(J).toHaveLength(4);
      expect(relativeError(J.flat(), tfJacobian(A, x).flat())).toBeLessThan(1e-5);
      const fd = [0, 1, 2, 3].map((i) => Array.from(centralDifference(p, { of: `y${i}`, wrt: 'x' })));
      expect(relativeError(J.flat(), fd.flat())).toBeLessThan(1e-3);
    }
  });

  it('evaluates at the given values, as a program compiled with them would', () => {
    const A = randMatrix(4, 3);
    const x0 = randn(3);
    const x1 = randn(3);
    const viaValues = jacobian(denseProgram(A, x0), 'y', 'x', { values: new Map([['x', Float32Array.from(x1)]]) });
    expect(viaValues.matrix).toEqual(jacobian(denseProgram(A, x1), 'y', 'x').matrix);
    expect(relativeError(viaValues.matrix.flat(), tfJacobian(A, x1).flat())).toBeLessThan(1e-5);
  });

  it('orders rows by the flattened (row-major) output and gives each row the shape of wrt', () => {
    // Y = W X with W 2×3, X 3×2: ∂Y_ij/∂W = e_i ⊗ X[:, j].
    const X = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    const p = compile({
      nodes: [leaf('W', randMatrix(2, 3), 'param'), leaf('X', X, 'constant'), op('Y', 'matmul', ['W', 'X']), op('s', 'sum', ['Y'])],
      objectives: [{ name: 's', node: 's' }],
    });
    const J = jacobian(p, 'Y', 'W');
    expect(J.rows).toHaveLength(4);
    expect(J.rows.map((r) => r.shape)).toEqual([
      [2, 3],
      [2, 3],
      [2, 3],
      [2, 3],
    ]);
    const col = (j: number) => X.map((r) => r[j] as number);
    expect(J.matrix).toEqual([
      [...col(0), 0, 0, 0],
      [...col(1), 0, 0, 0],
      [0, 0, 0, ...col(0)],
      [0, 0, 0, ...col(1)],
    ]);
  });

  it('takes the Jacobian with respect to a computed node on the path', () => {
    // y = sin(u), u = 2x: ∂y/∂u = diag(cos u).
    const p = compile({
      nodes: [leaf('x', [0.1, 0.7]), op('u', 'scale', ['x'], { by: 2 }), op('y', 'sin', ['u']), op('s', 'sum', ['y'])],
      objectives: [{ name: 's', node: 's' }],
    });
    const J = jacobian(p, 'y', 'u').matrix;
    const expected = [
      [Math.cos(0.2), 0],
      [0, Math.cos(1.4)],
    ];
    expect(relativeError(J.flat(), expected.flat())).toBeLessThan(1e-6);
  });

  it('gives zero rows where wrt does not reach the output, and refuses nodes without a gradient', () => {
    const p = compile({
      nodes: [
        leaf('x', [1, 2]),
        leaf('w', [3, 4]),
        leaf('c', [5, 6], 'constant'),
        op('y', 'mul', ['x', 'c']),
        op('v', 'exp', ['w']),
        op('s', 'sum', ['y']),
      ],
      objectives: [{ name: 's', node: 's' }],
    });
    expect(jacobian(p, 'y', 'w').matrix).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(() => jacobian(p, 'y', 'c')).toThrow(GraphError);
    expect(() => jacobian(p, 'nope', 'x')).toThrow(GraphError);
    expect(() => jacobian(p, 'y', 'nope')).toThrow(GraphError);
  });

  it('leaks no tensors', () => {
    const p = denseProgram(randMatrix(4, 3), randn(3));
    jacobian(p, 'y', 'x');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) jacobian(p, 'y', 'x');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('matMul', () => {
  it('multiplies plain matrices and rejects mismatched ones', () => {
    expect(
      matMul(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6, 7],
          [8, 9, 10],
        ],
      ),
    ).toEqual([
      [21, 24, 27],
      [47, 54, 61],
    ]);
    expect(() => matMul([[1, 2, 3]], [[1], [2]])).toThrow(/row 0/);
  });
});
