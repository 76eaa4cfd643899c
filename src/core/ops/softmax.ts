import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { arg } from '../commentary';
import { defineOp } from '../op';
import { resolveAxis } from './_axis';

const attrs = z.object({ axis: z.number().int().default(-1) });

export const softmax = defineOp<z.infer<typeof attrs>>({
  name: 'softmax',
  inputs: ['S'],
  symbol: 'softmax',
  attrs,
  shape: ([s], { axis }) => {
    resolveAxis(s ?? [], axis);
    return s as number[];
  },
  forward: ([s], { axis }) => {
    // Stable: subtract the max along the axis first.
    const x = s as tf.Tensor;
    const a = resolveAxis(x.shape, axis);
    const e = tf.exp(tf.sub(x, tf.max(x, a, true)));
    return tf.div(e, tf.sum(e, a, true));
  },
  saves: { inputs: [], output: true },
  vjp: ({ shapes: [s], output, dy, attrs: { axis } }) => {
    const a = resolveAxis(s as number[], axis);
    const P = output as tf.Tensor;
    return [() => tf.mul(P, tf.sub(dy, tf.sum(tf.mul(P, dy), a, true)))];
  },
  formula: {
    forward: 'P_{ij} = \\frac{e^{S_{ij}}}{\\sum_k e^{S_{ik}}}',
    vjp: ['\\bar S = P \\odot \\big(\\bar P - \\textstyle\\sum_k (P \\odot \\bar P)_{\\cdot k}\\big)'],
  },
  doc: { forward: 'e^S / Σ e^S', vjp: 'S̄ = P ⊙ (P̄ − Σₖ P ⊙ P̄)', notes: 'max subtracted first' },
  commentary: {
    forward: (n) => `${n.y} = softmax(${arg(n, 0)}) along each row: probabilities summing to 1`,
    backward: (n) =>
      `softmax backward: ${arg(n, 0)} gets ${n.y} ⊙ (${n.dy} − rowsum(${n.y} ⊙ ${n.dy})) — raising one probability lowers the others`,
  },
});
