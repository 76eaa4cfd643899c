import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { unaryOp } from './_unary';

export const cos = unaryOp({
  name: 'cos',
  symbol: 'cos',
  forward: tf.cos,
  reads: 'x',
  derivative: (x) => tf.neg(tf.sin(x as tf.Tensor)),
  formula: { forward: 'y = \\cos x', vjp: ['\\bar x = -\\sin(x) \\odot \\bar y'] },
  doc: { forward: 'cos x', vjp: 'x̄ = −sin x ⊙ ȳ' },
  commentary: {
    forward: (n) => `${n.y} = cos(${arg(n, 0)})`,
    backward: (n) => `cos backward: ${arg(n, 0)} gets −${n.dy} ⊙ sin(${arg(n, 0)}) — the local slope of cosine`,
  },
});
