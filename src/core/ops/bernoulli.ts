import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { arg } from '../commentary';
import { ShapeError } from '../errors';
import { defineOp } from '../op';
import { showShape } from '../tensor';

const attrs = z.object({
  /** Independent draws; the output gets a leading axis of this length. */
  samples: z.number().int().min(1).max(1_000_000).default(1),
  /** Node whose value is the per-sample cost f(z) the estimator weights (same shape as z). */
  cost: z.string().min(1),
  estimator: z.enum(['reinforce', 'reinforce_baseline']).default('reinforce'),
  /** Baseline b for `reinforce_baseline`: a number, or `mean` (the batch's mean cost). */
  baseline: z.union([z.number(), z.literal('mean')]).default('mean'),
});
export type BernoulliAttrs = z.infer<typeof attrs>;

/**
 * z ~ Bernoulli(σ(θ)), parameterised by the logit θ. Sampling has no derivative, so the
 * VJP is the score-function (REINFORCE) estimator of ∇θ E[f(z)]:
 *   mean over samples of (f(z) − b) · ∂log p(z|θ)/∂θ, with ∂log p/∂θ = z − σ(θ).
 */
export const bernoulli = defineOp<BernoulliAttrs>({
  name: 'bernoulli',
  inputs: ['theta'],
  symbol: 'z ~ Bern(σ(θ))',
  stochastic: true,
  attrs,
  nodeRefs: (a) => [{ field: 'attrs.cost', id: a.cost, sameShape: true }],
  shape: ([theta], { samples }) => {
    if (!theta) throw new ShapeError('theta', 'missing');
    return [samples, ...theta];
  },
  forward: ([theta], { samples }, ctx) => {
    const t = theta as tf.Tensor;
    const p = tf.sigmoid(t).dataSync();
    const out = new Float32Array(samples * p.length);
    for (let i = 0; i < out.length; i++) out[i] = ctx.rng.uniform() < (p[i % p.length] as number) ? 1 : 0;
    return tf.tensor(out, [samples, ...t.shape]);
  },
  vjp: ({ inputs: [theta], output: z, attrs: a, ctx }) => [
    () => {
      const p = tf.sigmoid(theta as tf.Tensor);
      const score = tf.sub(z, p);
      const f = ctx.value(a.cost);
      if (f.shape.join() !== z.shape.join()) {
        throw new ShapeError(
          'attrs.cost',
          `cost node "${a.cost}" has shape ${showShape(f.shape)}, expected ${showShape(z.shape)} (one cost per sample)`,
        );
      }
      const b = a.estimator === 'reinforce' ? 0 : a.baseline === 'mean' ? tf.mean(f) : a.baseline;
      return tf.mean(tf.mul(tf.sub(f, b), score), 0);
    },
  ],
  formula: {
    forward: 'z \\sim \\operatorname{Bernoulli}(\\sigma(\\theta))',
    vjp: ['\\hat\\nabla_\\theta = \\tfrac1N \\textstyle\\sum_i \\big(f(z_i) - b\\big)\\,(z_i - \\sigma(\\theta))'],
  },
  commentary: {
    forward: (n) => `sample ${n.y} ~ Bernoulli(σ(${arg(n, 0)})): a discrete draw, no derivative through it`,
    backward: (n) =>
      `REINFORCE at ${arg(n, 0)}: each sample's score ${n.y} − σ(${arg(n, 0)}) weighted by its cost (minus a baseline), averaged — an estimate of the gradient, not a derivative`,
  },
});
