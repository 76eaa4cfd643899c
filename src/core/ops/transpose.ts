import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { ShapeError } from '../errors';
import { defineOp } from '../op';
import { showShape } from '../tensor';

export const transpose = defineOp({
  name: 'transpose',
  inputs: ['X'],
  symbol: 'ᵀ',
  shape: ([x]) => {
    if (x?.length !== 2) throw new ShapeError('X', `expected a matrix, got ${showShape(x ?? [])}`);
    return [x[1] as number, x[0] as number];
  },
  forward: ([x]) => tf.transpose(x as tf.Tensor),
  saves: { inputs: [], output: false },
  vjp: ({ dy }) => [() => tf.transpose(dy)],
  formula: { forward: 'Y = X^\\top', vjp: ['\\bar X = \\bar Y^\\top'] },
  doc: { forward: 'Xᵀ', vjp: 'X̄ = Ȳᵀ' },
  commentary: {
    forward: (n) => `${n.y} = ${arg(n, 0)}ᵀ`,
    backward: (n) => `transpose backward: ${arg(n, 0)} gets (${n.dy})ᵀ — the gradient is transposed back`,
  },
});
