import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { ShapeError } from '../errors';
import { defineOp } from '../op';
import { sameShape, showShape } from '../tensor';

/** Inner product of two tensors of the same shape: Σ a ⊙ b (a scalar). */
export const dot = defineOp({
  name: 'dot',
  inputs: ['a', 'b'],
  symbol: '⟨a,b⟩',
  shape: ([a, b]) => {
    if (!sameShape(a ?? [], b ?? [])) throw new ShapeError('b', `shape ${showShape(b ?? [])} differs from a ${showShape(a ?? [])}`);
    return [];
  },
  forward: ([a, b]) => tf.sum(tf.mul(a as tf.Tensor, b as tf.Tensor)),
  saves: { inputs: 'all', output: false },
  vjp: ({ inputs: [a, b], dy }) => [() => tf.mul(dy, b as tf.Tensor), () => tf.mul(dy, a as tf.Tensor)],
  formula: { forward: 'y = \\langle a, b\\rangle = \\textstyle\\sum_i a_i b_i', vjp: ['\\bar a = \\bar y\\, b', '\\bar b = \\bar y\\, a'] },
  doc: { forward: 'Σᵢ aᵢbᵢ', vjp: 'ā = ȳ b, b̄ = ȳ a' },
  commentary: {
    forward: (n) => `${n.y} = ${arg(n, 0)}·${arg(n, 1)}: one number from two vectors`,
    backward: (n) =>
      `dot backward: ${arg(n, 0)} gets ${n.dy}·${arg(n, 1)}, ${arg(n, 1)} gets ${n.dy}·${arg(n, 0)} — each vector's gradient is the other vector, scaled`,
  },
});
