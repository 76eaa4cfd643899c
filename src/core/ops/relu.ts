import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { unaryOp } from './_unary';

// NOTE: at x = 0 exactly we take relu'(0) = 0, as tfjs and the notebook's relu_prime do.
export const relu = unaryOp({
  name: 'relu',
  symbol: 'ReLU',
  forward: tf.relu,
  derivative: (x) => tf.cast(tf.greater(x, 0), 'float32'),
  formula: { forward: 'y = \\max(0, x)', vjp: ['\\bar x = \\mathbb{1}[x > 0] \\odot \\bar y'] },
  commentary: {
    forward: (n) => `${n.y} = relu(${arg(n, 0)}): keeps positives, zeroes the rest`,
    backward: (n) =>
      `ReLU backward: ${arg(n, 0)} gets ${n.dy} where ${arg(n, 0)} > 0 and 0 elsewhere — an inactive unit blocks the gradient`,
  },
});
