import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { unaryOp } from './_unary';

export const tanh = unaryOp({
  name: 'tanh',
  symbol: 'tanh',
  forward: tf.tanh,
  reads: 'y',
  derivative: (_x, y) => tf.sub(1, tf.square(y as tf.Tensor)),
  formula: { forward: 'y = \\tanh x', vjp: ['\\bar x = (1 - y^2) \\odot \\bar y'] },
  doc: { forward: 'tanh x', vjp: 'x̄ = (1 − y²) ⊙ ȳ' },
  commentary: {
    forward: (n) => `${n.y} = tanh(${arg(n, 0)}): squashes into (−1, 1)`,
    backward: (n) => `tanh backward: ${arg(n, 0)} gets ${n.dy} ⊙ (1 − ${n.y}²) — at most 1, tiny where tanh saturates`,
  },
});
