import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { unaryOp } from './_unary';

// NOTE: log of a negative entry is NaN; the engine flags the node where it first appears.
export const log = unaryOp({
  name: 'log',
  symbol: 'log',
  forward: tf.log,
  reads: 'x',
  derivative: (x) => tf.reciprocal(x as tf.Tensor),
  formula: { forward: 'y = \\ln x', vjp: ['\\bar x = \\bar y / x'] },
  doc: { forward: 'ln x', vjp: 'x̄ = ȳ / x', notes: 'x ≤ 0 gives NaN/−Inf, flagged' },
  commentary: {
    forward: (n) => `${n.y} = log ${arg(n, 0)}`,
    backward: (n) => `log backward: ${arg(n, 0)} gets ${n.dy} / ${arg(n, 0)} — small inputs amplify the gradient`,
  },
});
