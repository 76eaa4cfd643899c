import * as tf from '@tensorflow/tfjs';
import { unaryOp } from './_unary';

export const square = unaryOp({
  name: 'square',
  symbol: 'x²',
  forward: tf.square,
  derivative: (x) => tf.mul(x, 2),
  formula: { forward: 'y = x^2', vjp: ['\\bar x = 2x \\odot \\bar y'] },
  commentary: { forward: 'square each entry', backward: 'square backward: multiply by 2x' },
});
