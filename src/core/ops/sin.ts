import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { unaryOp } from './_unary';

export const sin = unaryOp({
  name: 'sin',
  symbol: 'sin',
  forward: tf.sin,
  reads: 'x',
  derivative: (x) => tf.cos(x as tf.Tensor),
  formula: { forward: 'y = \\sin x', vjp: ['\\bar x = \\cos(x) \\odot \\bar y'] },
  doc: { forward: 'sin x', vjp: 'x̄ = cos x ⊙ ȳ' },
  commentary: {
    forward: (n) => `${n.y} = sin(${arg(n, 0)})`,
    backward: (n) => `sin backward: ${arg(n, 0)} gets ${n.dy} ⊙ cos(${arg(n, 0)}) — the local slope of sine`,
  },
});
