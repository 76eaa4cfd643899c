import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { binaryOp } from './_binary';

// NOTE: b = 0 gives Inf/NaN; the engine flags the node where it first appears.
export const div = binaryOp({
  name: 'div',
  symbol: '÷',
  forward: tf.div,
  vjp: (_a, b, y, dy) => [() => tf.div(dy, b), () => tf.neg(tf.div(tf.mul(dy, y), b))],
  formula: { forward: 'y = a / b', vjp: ['\\bar a = \\bar y / b', '\\bar b = -\\bar y \\odot a / b^2'] },
  commentary: {
    forward: (n) => `${n.y} = ${arg(n, 0)} / ${arg(n, 1)}`,
    backward: (n) =>
      `div backward: ${arg(n, 0)} gets ${n.dy} / ${arg(n, 1)}, ${arg(n, 1)} gets −${n.dy} ⊙ ${arg(n, 0)}/${arg(n, 1)}² — a larger denominator damps both`,
  },
});
