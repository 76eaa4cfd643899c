import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { ShapeError } from '../errors';
import { defineOp, type Tensor } from '../op';
import { showShape } from '../tensor';
import type { Shape } from '../types';

// A vector on the left is a row [1×k], on the right a column [k×1]; the engine sees 1-D.
const asMatrix = (t: Tensor, side: 'A' | 'B'): Tensor =>
  t.rank === 2 ? t : side === 'A' ? tf.reshape(t, [1, t.shape[0] as number]) : tf.reshape(t, [t.shape[0] as number, 1]);

function outShape(a: Shape, b: Shape): Shape {
  for (const [s, name] of [
    [a, 'A'],
    [b, 'B'],
  ] as const) {
    if (s.length < 1 || s.length > 2) throw new ShapeError(name, `expected a matrix or a vector, got ${showShape(s)}`);
  }
  if (a.length === 1 && b.length === 1) throw new ShapeError('B', 'both inputs are vectors: use dot');
  const k = a[a.length - 1];
  if (k !== b[0]) {
    throw new ShapeError('B', `inner dimensions differ: A ${showShape(a)} · B ${showShape(b)} needs ${k} rows in B`);
  }
  return [...a.slice(0, -1), ...b.slice(1)];
}

export const matmul = defineOp({
  name: 'matmul',
  inputs: ['A', 'B'],
  symbol: 'A·B',
  shape: ([a, b]) => outShape(a as Shape, b as Shape),
  forward: ([A, B]) => {
    const a = A as Tensor;
    const b = B as Tensor;
    const y = tf.matMul(asMatrix(a, 'A'), asMatrix(b, 'B'));
    // Two matrices need no reshape; a vector side drops its unit axis again.
    return a.rank === 2 && b.rank === 2 ? y : tf.reshape(y, outShape(a.shape, b.shape));
  },
  saves: { inputs: 'all', output: false },
  vjp: ({ inputs: [A, B], dy }) => {
    const a = A as Tensor;
    const b = B as Tensor;
    const A2 = asMatrix(a, 'A');
    const B2 = asMatrix(b, 'B');
    const dY = dy.rank === 2 ? dy : tf.reshape(dy, [A2.shape[0] as number, B2.shape[1] as number]);
    // A matrix input's gradient already has its shape; a vector's is reshaped back to 1-D.
    const back = (g: Tensor, like: Tensor) => (like.rank === 2 ? g : tf.reshape(g, like.shape));
    return [() => back(tf.matMul(dY, B2, false, true), a), () => back(tf.matMul(A2, dY, true, false), b)];
  },
  formula: { forward: 'Y = AB', vjp: ['\\bar A = \\bar Y B^\\top', '\\bar B = A^\\top \\bar Y'] },
  doc: { forward: 'AB', vjp: 'Ā = ȲBᵀ, B̄ = AᵀȲ' },
  commentary: {
    forward: (n) => `${n.y} = ${arg(n, 0)}${arg(n, 1)}: each entry a row of ${arg(n, 0)} times a column of ${arg(n, 1)}`,
    backward: (n) =>
      `matmul backward: ${arg(n, 0)} gets ${n.dy}·${arg(n, 1)}ᵀ, ${arg(n, 1)} gets ${arg(n, 0)}ᵀ·${n.dy} — each factor's gradient is the upstream gradient times the other factor, transposed`,
  },
});
