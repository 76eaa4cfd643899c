import * as tf from '@tensorflow/tfjs';
import { unaryOp } from './_unary';

// NOTE: |x| has a kink at 0; we take the subgradient sign(0) = 0 there (as torch.abs does),
// so a zero input passes no gradient.
export const abs = unaryOp({
  name: 'abs',
  symbol: '|x|',
  forward: tf.abs,
  derivative: (x) => tf.sign(x),
  formula: { forward: 'y = \\lvert x \\rvert', vjp: ['\\bar x = \\operatorname{sign}(x) \\odot \\bar y'] },
  commentary: {
    forward: 'absolute value: drop the sign',
    backward: 'abs backward: the gradient keeps its sign where x > 0, flips where x < 0, and is 0 at x = 0',
  },
});
