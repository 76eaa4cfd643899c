import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { binaryOp } from './_binary';

export const sub = binaryOp({
  name: 'sub',
  symbol: '−',
  forward: tf.sub,
  saves: { inputs: [], output: false },
  vjp: (_a, _b, _y, dy) => [() => dy, () => tf.neg(dy)],
  formula: { forward: 'y = a - b', vjp: ['\\bar a = \\bar y', '\\bar b = -\\bar y'] },
  doc: { forward: 'a − b', vjp: 'ā = ȳ, b̄ = −ȳ', notes: 'broadcasts' },
  commentary: {
    forward: (n) => `${n.y} = ${arg(n, 0)} − ${arg(n, 1)}`,
    backward: (n) => `sub backward: ${arg(n, 0)} gets ${n.dy}, ${arg(n, 1)} gets −${n.dy} — the subtracted side sees the gradient flipped`,
  },
});
