import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { unaryOp } from './_unary';

// NOTE: |x| has a kink at 0; we take the subgradient sign(0) = 0 there (as torch.abs does),
// so a zero input passes no gradient.
export const abs = unaryOp({
  name: 'abs',
  symbol: '|x|',
  forward: tf.abs,
  reads: 'x',
  derivative: (x) => tf.sign(x as tf.Tensor),
  formula: { forward: 'y = \\lvert x \\rvert', vjp: ['\\bar x = \\operatorname{sign}(x) \\odot \\bar y'] },
  doc: { forward: '|x|', vjp: 'x̄ = sign(x) ⊙ ȳ', notes: 'at x = 0 the gradient is 0 (sign 0 = 0)' },
  commentary: {
    forward: (n) => `${n.y} = |${arg(n, 0)}|: drops the sign`,
    backward: (n) =>
      `abs backward: ${arg(n, 0)} gets ${n.dy} where ${arg(n, 0)} > 0, −${n.dy} where ${arg(n, 0)} < 0 and 0 at 0 — the slope of |x| is its sign`,
  },
});
