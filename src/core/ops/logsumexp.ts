import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { defineOp, type Tensor } from '../op';
import { type AxisAttrs, axisAttrs, reducedShape } from './_axis';
import { keptShape } from './_keep';

/** log Σ eˣ along `axis` (null = all), stable: m + log Σ e^{x−m} with m the max, so nothing overflows. */
export function stableLogSumExp(x: Tensor, axis: number | null): Tensor {
  const m = tf.max(x, axis ?? undefined, true);
  return tf.add(m, tf.log(tf.sum(tf.exp(tf.sub(x, m)), axis ?? undefined, true)));
}

export const logsumexp = defineOp<AxisAttrs>({
  name: 'logsumexp',
  inputs: ['x'],
  symbol: 'LSE',
  attrs: axisAttrs,
  shape: ([x], { axis }) => reducedShape(x ?? [], axis),
  forward: ([x], { axis }) => {
    const t = x as Tensor;
    const { axis: a } = keptShape(t.shape, axis);
    const y = stableLogSumExp(t, a);
    return tf.reshape(y, reducedShape(t.shape, a));
  },
  // ∂/∂xᵢ log Σ eˣ = softmax(x)ᵢ, computed from x with the max subtracted (not e^{x − y}:
  // y is rounded to float32 and at |y| ~ 1000 that rounding alone is 3e-5 relative).
  saves: { inputs: [0], output: false },
  vjp: ({ inputs: [x], dy, attrs: { axis } }) => [
    () => {
      const t = x as Tensor;
      const { kept, axis: a } = keptShape(t.shape, axis);
      const e = tf.exp(tf.sub(t, tf.max(t, a ?? undefined, true)));
      return tf.mul(tf.reshape(dy, kept), tf.div(e, tf.sum(e, a ?? undefined, true)));
    },
  ],
  formula: {
    forward: 'y = \\log \\textstyle\\sum_i e^{x_i} = m + \\log \\sum_i e^{x_i - m},\\ m = \\max_i x_i',
    vjp: ['\\bar x_i = \\operatorname{softmax}(x)_i\\,\\bar y = e^{x_i - y}\\,\\bar y'],
  },
  doc: { forward: 'log Σ eˣ', vjp: 'x̄ = softmax(x) ⊙ ȳ', notes: 'stable: m + log Σ e^(x−m), m the max' },
  commentary: {
    forward: (n) => `${n.y} = logsumexp(${arg(n, 0)}): a smooth maximum`,
    backward: (n) =>
      `logsumexp backward: each entry of ${arg(n, 0)} gets ${n.dy} times its softmax weight e^(${arg(n, 0)} − ${n.y}) — the largest entries take most`,
  },
});
