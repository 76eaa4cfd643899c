import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { arg } from '../commentary';
import { defineOp, type Tensor } from '../op';

const attrs = z.object({
  /** `none`: the exact x·Φ(x) with the erf; `tanh`: the tanh approximation of GPT-2/BERT code. */
  approximate: z.enum(['none', 'tanh']).default('none'),
});
export type GeluAttrs = z.infer<typeof attrs>;

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const C = 0.044715;

/** Φ(x) = ½(1 + erf(x/√2)), the standard normal CDF. */
const Phi = (x: Tensor) => tf.mul(0.5, tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
/** tanh(√(2/π)(x + 0.044715 x³)). */
const tanhInner = (x: Tensor) => tf.tanh(tf.mul(SQRT_2_OVER_PI, tf.add(x, tf.mul(C, tf.pow(x, 3)))));

/**
 * GELU. The derivative is written out here rather than left to autodiff:
 *   exact: Φ(x) + x·φ(x), φ(x) = e^{−x²/2}/√(2π);
 *   tanh:  ½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715 x²), t = tanh(√(2/π)(x + 0.044715 x³)).
 */
export const gelu = defineOp<GeluAttrs>({
  name: 'gelu',
  inputs: ['x'],
  symbol: 'GELU',
  attrs,
  shape: ([x]) => x as number[],
  forward: ([x], { approximate }) => {
    const t = x as Tensor;
    return approximate === 'none' ? tf.mul(t, Phi(t)) : tf.mul(tf.mul(0.5, t), tf.add(1, tanhInner(t)));
  },
  saves: { inputs: [0], output: false },
  vjp: ({ inputs: [x], dy, attrs: { approximate } }) => [
    () => {
      const t = x as Tensor;
      if (approximate === 'none') {
        const phi = tf.mul(1 / Math.sqrt(2 * Math.PI), tf.exp(tf.mul(-0.5, tf.square(t))));
        return tf.mul(dy, tf.add(Phi(t), tf.mul(t, phi)));
      }
      const th = tanhInner(t);
      const du = tf.mul(SQRT_2_OVER_PI, tf.add(1, tf.mul(3 * C, tf.square(t))));
      const d = tf.add(tf.mul(0.5, tf.add(1, th)), tf.mul(tf.mul(0.5, t), tf.mul(tf.sub(1, tf.square(th)), du)));
      return tf.mul(dy, d);
    },
  ],
  formula: {
    // One formula for both settings, so the inspector never shows the wrong one.
    forward:
      'y = x\\,\\Phi(x) = \\tfrac12 x\\big(1 + \\operatorname{erf}(x/\\sqrt2)\\big);\\ \\text{tanh: } y = \\tfrac12 x\\big(1 + \\tanh u\\big),\\ u = \\sqrt{2/\\pi}\\,(x + 0.044715\\,x^3)',
    vjp: [
      "\\bar x = \\big(\\Phi(x) + x\\,\\varphi(x)\\big) \\odot \\bar y,\\ \\varphi(x) = \\tfrac{1}{\\sqrt{2\\pi}} e^{-x^2/2};\\ \\text{tanh: } \\bar x = \\big(\\tfrac12(1 + \\tanh u) + \\tfrac12 x\\,(1 - \\tanh^2 u)\\,u'\\big) \\odot \\bar y",
    ],
  },
  doc: {
    forward: 'x Φ(x) = ½x(1 + erf(x/√2)); `tanh`: ½x(1 + tanh(√(2/π)(x + 0.044715x³)))',
    vjp: 'x̄ = (Φ(x) + x φ(x)) ⊙ ȳ, φ the normal density (tanh form: its own derivative)',
    notes: 'exact erf form by default; both VJPs written out, not autodiffed',
  },
  commentary: {
    forward: (n) => `${n.y} = GELU(${arg(n, 0)}): ${arg(n, 0)} weighted by Φ(${arg(n, 0)}), the chance a standard normal falls below it`,
    backward: (n) =>
      `GELU backward: ${arg(n, 0)} gets ${n.dy} ⊙ (Φ(${arg(n, 0)}) + ${arg(n, 0)}·φ(${arg(n, 0)})) — slightly negative below about −0.75`,
  },
});
