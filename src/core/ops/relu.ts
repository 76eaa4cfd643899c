import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { unaryOp } from './_unary';

// NOTE: at x = 0 exactly we take relu'(0) = 0, as tfjs and the notebook's relu_prime do.
// relu′ reads its input z (as tfjs's Relu gradient and the notebook's relu_prime(z) do).
export const relu = unaryOp({
  name: 'relu',
  symbol: 'ReLU',
  forward: tf.relu,
  reads: 'x',
  // step(x) = 1 where x > 0, 0 elsewhere (NaN stays NaN): one kernel where greater + cast take two.
  derivative: (x) => tf.step(x as tf.Tensor),
  formula: { forward: 'y = \\max(0, x)', vjp: ['\\bar x = \\mathbb{1}[x > 0] \\odot \\bar y'] },
  doc: { forward: 'max(0, x)', vjp: 'x̄ = 𝟙[x > 0] ⊙ ȳ', notes: 'relu′(0) = 0' },
  commentary: {
    forward: (n) => `${n.y} = relu(${arg(n, 0)}): keeps positives, zeroes the rest`,
    backward: (n) =>
      `ReLU backward: ${arg(n, 0)} gets ${n.dy} where ${arg(n, 0)} > 0 and 0 elsewhere — an inactive unit blocks the gradient`,
  },
});
