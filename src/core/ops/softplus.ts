import * as tf from '@tensorflow/tfjs';
import { unaryOp } from './_unary';

// Stable form: log(1 + eˣ) = max(x, 0) + log(1 + e^{−|x|}), so large |x| neither overflows
// nor loses the small term.
export const softplus = unaryOp({
  name: 'softplus',
  symbol: 'softplus',
  forward: (x) => tf.add(tf.relu(x), tf.log1p(tf.exp(tf.neg(tf.abs(x))))),
  derivative: (x) => tf.sigmoid(x),
  formula: { forward: 'y = \\log(1 + e^{x})', vjp: ['\\bar x = \\sigma(x) \\odot \\bar y'] },
  commentary: {
    forward: 'softplus: a smooth ReLU, log(1 + eˣ)',
    backward: 'softplus backward: multiply by σ(x), the derivative of log(1 + eˣ)',
  },
});
