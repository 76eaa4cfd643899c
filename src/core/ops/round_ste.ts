import * as tf from '@tensorflow/tfjs';
import { unaryOp } from './_unary';

// NOTE: tf.round rounds half to even, like NumPy's np.round.
export const roundSte = unaryOp({
  name: 'round_ste',
  symbol: 'round',
  forward: tf.round,
  derivative: (x) => tf.onesLike(x),
  straightThrough: true,
  formula: {
    forward: '\\hat w = \\operatorname{round}(w)',
    vjp: ['\\bar w = \\bar{\\hat w} \\quad \\text{(straight-through: round treated as identity)}'],
  },
  commentary: {
    forward: 'round to the nearest integer (its true derivative is 0 almost everywhere)',
    backward: 'straight-through estimator: pass the gradient as if round were the identity',
  },
});
