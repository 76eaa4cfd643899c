import * as tf from '@tensorflow/tfjs';
import { unaryOp } from './_unary';

export const sin = unaryOp({
  name: 'sin',
  symbol: 'sin',
  forward: tf.sin,
  derivative: (x) => tf.cos(x),
  formula: { forward: 'y = \\sin x', vjp: ['\\bar x = \\cos(x) \\odot \\bar y'] },
  commentary: { forward: 'sine', backward: 'sin backward: multiply by cos(x)' },
});
