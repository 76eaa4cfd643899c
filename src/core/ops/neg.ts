import * as tf from '@tensorflow/tfjs';
import { unaryOp } from './_unary';

export const neg = unaryOp({
  name: 'neg',
  symbol: '−x',
  forward: tf.neg,
  derivative: (x) => tf.fill(x.shape, -1),
  formula: { forward: 'y = -x', vjp: ['\\bar x = -\\bar y'] },
  commentary: { forward: 'negate', backward: 'neg backward: the gradient flips sign' },
});
