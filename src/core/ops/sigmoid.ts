import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { unaryOp } from './_unary';

export const sigmoid = unaryOp({
  name: 'sigmoid',
  symbol: 'σ',
  forward: tf.sigmoid,
  reads: 'y',
  derivative: (_x, y) => tf.mul(y as tf.Tensor, tf.sub(1, y as tf.Tensor)),
  formula: { forward: 'y = \\sigma(x) = \\frac{1}{1+e^{-x}}', vjp: ['\\bar x = y(1-y) \\odot \\bar y'] },
  doc: { forward: 'σ(x) = 1/(1 + e⁻ˣ)', vjp: 'x̄ = y(1 − y) ⊙ ȳ' },
  commentary: {
    forward: (n) => `${n.y} = σ(${arg(n, 0)}): squashes into (0, 1)`,
    backward: (n) => `sigmoid backward: ${arg(n, 0)} gets ${n.dy} ⊙ ${n.y}(1 − ${n.y}) — at most ¼, so gradients shrink here`,
  },
});
