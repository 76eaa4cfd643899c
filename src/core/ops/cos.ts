import * as tf from '@tensorflow/tfjs';
import { unaryOp } from './_unary';

export const cos = unaryOp({
  name: 'cos',
  symbol: 'cos',
  forward: tf.cos,
  derivative: (x) => tf.neg(tf.sin(x)),
  formula: { forward: 'y = \\cos x', vjp: ['\\bar x = -\\sin(x) \\odot \\bar y'] },
  commentary: { forward: 'cosine', backward: 'cos backward: multiply by −sin(x)' },
});
