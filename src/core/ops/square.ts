import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { unaryOp } from './_unary';

export const square = unaryOp({
  name: 'square',
  symbol: 'x²',
  forward: tf.square,
  reads: 'x',
  derivative: (x) => tf.mul(x as tf.Tensor, 2),
  formula: { forward: 'y = x^2', vjp: ['\\bar x = 2x \\odot \\bar y'] },
  doc: { forward: 'x²', vjp: 'x̄ = 2x ⊙ ȳ' },
  commentary: {
    forward: (n) => `${n.y} = ${arg(n, 0)}²`,
    backward: (n) => `square backward: ${arg(n, 0)} gets ${n.dy} ⊙ 2${arg(n, 0)} — the slope of x² is 2x`,
  },
});
