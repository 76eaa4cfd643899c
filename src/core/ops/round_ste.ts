import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { unaryOp } from './_unary';

// NOTE: tf.round rounds half to even, like NumPy's np.round.
export const roundSte = unaryOp({
  name: 'round_ste',
  symbol: 'round',
  forward: tf.round,
  reads: 'none',
  derivative: () => 1,
  straightThrough: true,
  formula: {
    forward: '\\hat w = \\operatorname{round}(w)',
    vjp: ['\\bar w = \\bar{\\hat w} \\quad \\text{(straight-through: round treated as identity)}'],
  },
  doc: { forward: 'round(x), half to even', vjp: 'x̄ = ȳ (straight-through)', notes: "deliberately not round's derivative (0)" },
  commentary: {
    forward: (n) => `${n.y} = round(${arg(n, 0)}) (its true derivative is 0 almost everywhere)`,
    backward: (n) =>
      `straight-through: ${arg(n, 0)} gets ${n.dy} unchanged, as if round were the identity — so the weights can still learn`,
  },
});
