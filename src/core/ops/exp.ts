import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { unaryOp } from './_unary';

export const exp = unaryOp({
  name: 'exp',
  symbol: 'exp',
  forward: tf.exp,
  reads: 'y',
  derivative: (_x, y) => y as tf.Tensor,
  formula: { forward: 'y = e^{x}', vjp: ['\\bar x = e^{x} \\odot \\bar y'] },
  doc: { forward: 'eˣ', vjp: 'x̄ = eˣ ⊙ ȳ' },
  commentary: {
    forward: (n) => `${n.y} = exp(${arg(n, 0)})`,
    backward: (n) => `exp backward: ${arg(n, 0)} gets ${n.dy} ⊙ ${n.y} — the slope of eˣ is eˣ, its own output`,
  },
});
