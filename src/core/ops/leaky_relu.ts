import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { arg } from '../commentary';
import { defineOp } from '../op';

const attrs = z.object({
  /** Slope for x ≤ 0. */
  alpha: z.number().refine(Number.isFinite, 'must be finite').default(0.01),
});

// NOTE: at x = 0 exactly the slope is alpha (the left branch), as tfjs's leakyRelu gradient;
// with alpha = 0 this is relu, whose relu'(0) = 0 agrees.
export const leakyRelu = defineOp<z.infer<typeof attrs>>({
  name: 'leaky_relu',
  inputs: ['x'],
  symbol: 'LReLU',
  attrs,
  shape: ([x]) => x as number[],
  forward: ([x], { alpha }) => tf.leakyRelu(x as tf.Tensor, alpha),
  saves: { inputs: [0], output: false },
  vjp: ({ inputs: [x], dy, attrs: { alpha } }) => [
    () => tf.mul(dy, tf.where(tf.greater(x as tf.Tensor, 0), tf.onesLike(dy), tf.fill(dy.shape, alpha))),
  ],
  formula: {
    forward: 'y = \\begin{cases} x & x > 0 \\\\ \\alpha x & x \\le 0 \\end{cases}',
    vjp: ['\\bar x = \\big(\\mathbb{1}[x > 0] + \\alpha\\,\\mathbb{1}[x \\le 0]\\big) \\odot \\bar y'],
  },
  doc: { forward: 'x if x > 0, else αx', vjp: 'x̄ = (𝟙[x > 0] + α𝟙[x ≤ 0]) ⊙ ȳ', notes: 'slope α at x = 0' },
  commentary: {
    forward: (n) => `${n.y} = leaky_relu(${arg(n, 0)}): positives pass, negatives are scaled by ${n.attrs.alpha}`,
    backward: (n) =>
      `leaky ReLU backward: ${arg(n, 0)} gets ${n.dy} where ${arg(n, 0)} > 0 and ${n.attrs.alpha}·${n.dy} elsewhere — never fully blocked`,
  },
});
