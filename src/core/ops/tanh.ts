import * as tf from '@tensorflow/tfjs';
import { unaryOp } from './_unary';

export const tanh = unaryOp({
  name: 'tanh',
  symbol: 'tanh',
  forward: tf.tanh,
  derivative: (_x, y) => tf.sub(1, tf.square(y)),
  formula: { forward: 'y = \\tanh x', vjp: ['\\bar x = (1 - y^2) \\odot \\bar y'] },
  commentary: { forward: 'tanh squashes into (−1, 1)', backward: 'tanh backward: multiply by 1 − tanh², at most 1' },
});
