import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { unaryOp } from './_unary';

// Stable form: log(1 + eˣ) = max(x, 0) + log(1 + e^{−|x|}), so large |x| neither overflows
// nor loses the small term.
export const softplus = unaryOp({
  name: 'softplus',
  symbol: 'softplus',
  forward: (x) => tf.add(tf.relu(x), tf.log1p(tf.exp(tf.neg(tf.abs(x))))),
  reads: 'x',
  derivative: (x) => tf.sigmoid(x as tf.Tensor),
  formula: { forward: 'y = \\log(1 + e^{x})', vjp: ['\\bar x = \\sigma(x) \\odot \\bar y'] },
  doc: { forward: 'log(1 + eˣ)', vjp: 'x̄ = σ(x) ⊙ ȳ', notes: 'computed as max(x, 0) + log(1 + e^−|x|): no overflow' },
  commentary: {
    forward: (n) => `${n.y} = softplus(${arg(n, 0)}) = log(1 + e^${arg(n, 0)}): a smooth ReLU`,
    backward: (n) => `softplus backward: ${arg(n, 0)} gets ${n.dy} ⊙ σ(${arg(n, 0)}) — the derivative of log(1 + eˣ) is the sigmoid`,
  },
});
