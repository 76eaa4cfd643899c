import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { arg } from '../commentary';
import { ShapeError } from '../errors';
import { defineOp, type Tensor } from '../op';
import { sameShape, showShape } from '../tensor';

const attrs = z.object({
  /** Added to the variance before the square root. */
  epsilon: z.number().positive().refine(Number.isFinite, 'must be finite').default(1e-5),
});
export type LayerNormAttrs = z.infer<typeof attrs>;

/** x̂ = (x − μ)/√(σ² + ε) over the last axis (σ² the biased variance, as in the original paper and torch), and 1/√(σ² + ε). */
function normalise(x: Tensor, epsilon: number): { xhat: Tensor; rstd: Tensor } {
  const mu = tf.mean(x, -1, true);
  const c = tf.sub(x, mu);
  const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(c), -1, true), epsilon));
  return { xhat: tf.mul(c, rstd), rstd };
}

/** Sum over every axis but the last: a [..., D] tensor to [D]. */
const sumLeading = (t: Tensor) => (t.rank === 1 ? t : tf.sum(t, [...Array(t.rank - 1).keys()]));

/**
 * Layer normalisation over the last axis: y = γ ⊙ x̂ + β. x [..., D]; gamma, beta [D].
 * Backward with x̂ and r = 1/√(σ² + ε) (means over the last axis):
 *   x̄ = r · (g − mean(g) − x̂ · mean(g ⊙ x̂)),  g = ȳ ⊙ γ;
 *   γ̄ = Σ ȳ ⊙ x̂ and β̄ = Σ ȳ over the leading axes.
 */
export const layerNorm = defineOp<LayerNormAttrs>({
  name: 'layer_norm',
  inputs: ['x', 'gamma', 'beta'],
  symbol: 'LayerNorm',
  attrs,
  shape: ([x, gamma, beta]) => {
    const xs = x ?? [];
    if (xs.length === 0) throw new ShapeError('x', 'expected features along a last axis, got a scalar');
    const d = [xs[xs.length - 1] as number];
    if (!sameShape(gamma ?? [], d))
      throw new ShapeError('gamma', `shape ${showShape(gamma ?? [])} should be ${showShape(d)}, the last axis of x ${showShape(xs)}`);
    if (!sameShape(beta ?? [], d))
      throw new ShapeError('beta', `shape ${showShape(beta ?? [])} should be ${showShape(d)}, the last axis of x ${showShape(xs)}`);
    return xs;
  },
  forward: ([x, gamma, beta], { epsilon }) => tf.add(tf.mul(normalise(x as Tensor, epsilon).xhat, gamma as Tensor), beta as Tensor),
  saves: { inputs: [0, 1], output: false },
  vjp: ({ inputs: [x, gamma], dy, attrs: { epsilon } }) => {
    const norm = () => normalise(x as Tensor, epsilon);
    return [
      () => {
        const { xhat, rstd } = norm();
        const g = tf.mul(dy, gamma as Tensor);
        const inner = tf.sub(tf.sub(g, tf.mean(g, -1, true)), tf.mul(xhat, tf.mean(tf.mul(g, xhat), -1, true)));
        return tf.mul(rstd, inner);
      },
      () => sumLeading(tf.mul(dy, norm().xhat)),
      () => sumLeading(dy),
    ];
  },
  formula: {
    forward: 'y = \\gamma \\odot \\frac{x - \\mu}{\\sqrt{\\sigma^2 + \\varepsilon}} + \\beta',
    vjp: [
      '\\bar x = \\tfrac{1}{\\sqrt{\\sigma^2 + \\varepsilon}}\\big(g - \\overline{g} - \\hat x\\,\\overline{g \\odot \\hat x}\\big),\\ g = \\bar y \\odot \\gamma',
      '\\bar\\gamma = \\textstyle\\sum_n \\bar y_n \\odot \\hat x_n',
      '\\bar\\beta = \\textstyle\\sum_n \\bar y_n',
    ],
  },
  doc: {
    forward: 'γ ⊙ (x − μ)/√(σ² + ε) + β over the last axis',
    vjp: 'x̄ = r(g − mean g − x̂ mean(g ⊙ x̂)), g = ȳ ⊙ γ, r = 1/√(σ² + ε); γ̄ = Σ ȳ ⊙ x̂; β̄ = Σ ȳ',
    notes: 'σ² the biased variance; gamma, beta of shape [D]',
  },
  commentary: {
    forward: (n) =>
      `${n.y} = layer_norm(${arg(n, 0)}): each row centred and scaled to mean 0, variance 1, then ×${arg(n, 1)} + ${arg(n, 2)}`,
    backward: (n) =>
      `layer-norm backward: ${arg(n, 0)}'s gradient loses its row mean and its part along the normalised row; ${arg(n, 1)} collects ${n.dy} ⊙ x̂, ${arg(n, 2)} collects ${n.dy}`,
  },
});
