import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { defineOp } from '../op';
import { type AxisAttrs, axisAttrs, reducedShape } from './_axis';
import { keptShape } from './_keep';

/**
 * Largest entry along `axis` (null = of the whole tensor).
 * Tie rule: when several entries share the maximum, ȳ is split equally among them
 * (each gets ȳ/k for k ties), so the shares add up to ȳ — as torch.amax does. A single
 * maximum gets all of ȳ.
 */
export const max = defineOp<AxisAttrs>({
  name: 'max',
  inputs: ['x'],
  symbol: 'max',
  attrs: axisAttrs,
  shape: ([x], { axis }) => reducedShape(x ?? [], axis),
  forward: ([x], { axis }) => tf.max(x as tf.Tensor, axis ?? undefined),
  saves: { inputs: [0], output: true },
  vjp: ({ inputs: [x], output, dy, attrs: { axis } }) => [
    () => {
      const t = x as tf.Tensor;
      const { kept, axis: a } = keptShape(t.shape, axis);
      const hit = tf.cast(tf.equal(t, tf.reshape(output as tf.Tensor, kept)), 'float32');
      const ties = tf.sum(hit, a ?? undefined, true);
      return tf.mul(hit, tf.div(tf.reshape(dy, kept), ties));
    },
  ],
  formula: {
    forward: 'y = \\max_i x_i',
    vjp: ['\\bar x_i = \\dfrac{\\mathbb{1}[x_i = y]}{\\#\\{j : x_j = y\\}}\\,\\bar y'],
  },
  doc: {
    forward: 'maxᵢ xᵢ',
    vjp: 'x̄ᵢ = ȳ / k on the k entries equal to the max, 0 elsewhere',
    notes: '**ties: ȳ split equally** among the maxima (tfjs gives each all of ȳ)',
  },
  commentary: {
    forward: (n) => `${n.y} = max of ${arg(n, 0)}: its largest entry`,
    backward: (n) => `max backward: the largest entry of ${arg(n, 0)} gets all of ${n.dy} (split on a tie), the rest get 0`,
  },
});
