import * as tf from '@tensorflow/tfjs';
import { unaryOp } from './_unary';

export const sigmoid = unaryOp({
  name: 'sigmoid',
  symbol: 'σ',
  forward: tf.sigmoid,
  derivative: (_x, y) => tf.mul(y, tf.sub(1, y)),
  formula: { forward: 'y = \\sigma(x) = \\frac{1}{1+e^{-x}}', vjp: ['\\bar x = y(1-y) \\odot \\bar y'] },
  commentary: {
    forward: 'sigmoid squashes into (0, 1)',
    backward: 'sigmoid backward: multiply by σ(1−σ), at most ¼ — this is where gradients shrink',
  },
});
