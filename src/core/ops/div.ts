import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import type { Tensor } from '../op';
import { binaryOp } from './_binary';

// NOTE: b = 0 gives Inf/NaN; the engine flags the node where it first appears.
export const div = binaryOp({
  name: 'div',
  symbol: '÷',
  forward: tf.div,
  saves: { inputs: [1], output: true },
  vjp: (_a, b, y, dy) => [() => tf.div(dy, b as Tensor), () => tf.neg(tf.div(tf.mul(dy, y as Tensor), b as Tensor))],
  formula: { forward: 'y = a / b', vjp: ['\\bar a = \\bar y / b', '\\bar b = -\\bar y \\odot a / b^2'] },
  doc: { forward: 'a / b', vjp: 'ā = ȳ / b, b̄ = −ȳ ⊙ a / b²', notes: 'broadcasts; b = 0 gives Inf/NaN, flagged as a fault' },
  commentary: {
    forward: (n) => `${n.y} = ${arg(n, 0)} / ${arg(n, 1)}`,
    backward: (n) =>
      `div backward: ${arg(n, 0)} gets ${n.dy} / ${arg(n, 1)}, ${arg(n, 1)} gets −${n.dy} ⊙ ${arg(n, 0)}/${arg(n, 1)}² — a larger denominator damps both`,
  },
});
