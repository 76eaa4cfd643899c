import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import type { Tensor } from '../op';
import { binaryOp } from './_binary';

export const mul = binaryOp({
  name: 'mul',
  symbol: '⊙',
  forward: tf.mul,
  saves: { inputs: 'all', output: false },
  vjp: (a, b, _y, dy) => [() => tf.mul(dy, b as Tensor), () => tf.mul(dy, a as Tensor)],
  formula: { forward: 'y = a \\odot b', vjp: ['\\bar a = \\bar y \\odot b', '\\bar b = \\bar y \\odot a'] },
  doc: { forward: 'a ⊙ b', vjp: 'ā = ȳ ⊙ b, b̄ = ȳ ⊙ a', notes: 'broadcasts' },
  commentary: {
    forward: (n) => `${n.y} = ${arg(n, 0)} ⊙ ${arg(n, 1)}`,
    backward: (n) =>
      `mul backward: ${arg(n, 0)} gets ${n.dy} ⊙ ${arg(n, 1)}, ${arg(n, 1)} gets ${n.dy} ⊙ ${arg(n, 0)} — each factor's gradient is scaled by the other factor`,
  },
});
