import * as tf from '@tensorflow/tfjs';
import { unaryOp } from './_unary';

// NOTE: log of a negative entry is NaN; the engine flags the node where it first appears.
export const log = unaryOp({
  name: 'log',
  symbol: 'log',
  forward: tf.log,
  derivative: (x) => tf.reciprocal(x),
  formula: { forward: 'y = \\ln x', vjp: ['\\bar x = \\bar y / x'] },
  commentary: { forward: 'natural log', backward: 'log backward: divide by x' },
});
