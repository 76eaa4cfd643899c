import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { unaryOp } from './_unary';

// NOTE: √x is defined for x ≥ 0 only. A negative input gives NaN and x = 0 gives the
// gradient ȳ/(2·0) = ±Inf (NaN where ȳ = 0); the engine's fault detection flags the node
// where either first appears instead of passing it on silently.
export const sqrt = unaryOp({
  name: 'sqrt',
  symbol: '√',
  forward: tf.sqrt,
  reads: 'y',
  derivative: (_x, y) => tf.div(0.5, y as tf.Tensor),
  formula: { forward: 'y = \\sqrt{x}', vjp: ['\\bar x = \\dfrac{\\bar y}{2\\sqrt{x}}'] },
  doc: {
    forward: '√x',
    vjp: 'x̄ = ȳ / (2√x)',
    notes: "**x = 0: gradient +Inf**, x < 0: NaN — both flagged by the engine's fault detection",
  },
  commentary: {
    forward: (n) => `${n.y} = √${arg(n, 0)}`,
    backward: (n) => `sqrt backward: ${arg(n, 0)} gets ${n.dy} / (2${n.y}) — large near 0, infinite at 0`,
  },
});
