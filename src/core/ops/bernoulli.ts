import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { arg } from '../commentary';
import { ShapeError } from '../errors';
import { MAX_SAMPLES } from '../limits';
import { defineOp } from '../op';

const attrs = z.object({
  /** Independent draws; the output gets a leading axis of this length. */
  samples: z.number().int().min(1).max(MAX_SAMPLES).default(1),
  /** Node whose value is the per-sample cost f(z) the estimator weights (same shape as z, downstream of it). */
  cost: z.string().min(1),
  estimator: z.enum(['reinforce', 'reinforce_baseline']).default('reinforce'),
  /**
   * Baseline for `reinforce_baseline`: `leave_one_out` (bᵢ = mean of the other samples' costs,
   * independent of zᵢ, so the estimate stays unbiased), or a fixed number.
   */
  baseline: z.union([z.number(), z.literal('leave_one_out')]).default('leave_one_out'),
});
export type BernoulliAttrs = z.infer<typeof attrs>;

/**
 * z ~ Bernoulli(σ(θ)), parameterised by the logit θ; z has a leading axis of `samples` draws.
 *
 * Sampling has no derivative, so the VJP is the score-function (REINFORCE) estimator, applied
 * by the chain rule: with ḡᵢ = ∂J/∂fᵢ, the objective's upstream gradient at sample i of the
 * cost node f (complete when z's backward runs, since f lies downstream of z),
 *   ∇θ ≈ Σᵢ ḡᵢ (fᵢ − bᵢ) ∂log p(zᵢ|θ)/∂θ,  ∂log p/∂θ = zᵢ − σ(θ).
 * It does not read ȳ = ∂J/∂z (the pathwise derivative through a discrete draw means nothing).
 * For J = mean f this is the textbook mean of (fᵢ − b)(zᵢ − σ); for J = sum f it is N times
 * that, for J = −mean f its negative.
 *
 * Exact in expectation when J is linear in the costs (J = Σ cᵢ fᵢ + const, any cᵢ): then
 * E[estimate] = ∇θ E[J]. For J non-linear in the costs (J = (mean f)², say) ḡ depends on the
 * draws, and the estimate is the gradient of J's linearisation at the sampled costs: biased in
 * general. bᵢ must not depend on zᵢ: a fixed number, or leave-one-out (Σf − fᵢ)/(N − 1).
 * The engine refuses a graph where J depends on z other than through f.
 */
export const bernoulli = defineOp<BernoulliAttrs>({
  name: 'bernoulli',
  inputs: ['theta'],
  symbol: 'z ~ Bern(σ(θ))',
  stochastic: true,
  attrs,
  nodeRefs: (a) => [{ field: 'attrs.cost', id: a.cost, sameShape: true }],
  shape: ([theta], { samples, estimator, baseline }) => {
    if (!theta) throw new ShapeError('theta', 'missing');
    if (estimator === 'reinforce_baseline' && baseline === 'leave_one_out' && samples < 2) {
      throw new ShapeError('attrs.baseline', 'leave_one_out needs at least 2 samples (each baseline averages the others)');
    }
    return [samples, ...theta];
  },
  forward: ([theta], { samples }, ctx) => {
    const t = theta as tf.Tensor;
    const p = tf.sigmoid(t).dataSync();
    const out = new Float32Array(samples * p.length);
    for (let i = 0; i < out.length; i++) out[i] = ctx.rng.uniform() < (p[i % p.length] as number) ? 1 : 0;
    return tf.tensor(out, [samples, ...t.shape]);
  },
  saves: { inputs: [0], output: true },
  vjp: ({ inputs: [theta], output, attrs: a }, ctx) => [
    () => {
      const z = output as tf.Tensor;
      const score = tf.sub(z, tf.sigmoid(theta as tf.Tensor));
      const f = ctx.value(a.cost);
      const n = z.shape[0] as number;
      const b =
        a.estimator === 'reinforce' ? 0 : a.baseline === 'leave_one_out' ? tf.div(tf.sub(tf.sum(f, 0, true), f), n - 1) : a.baseline;
      return tf.sum(tf.mul(ctx.grad(a.cost), tf.mul(tf.sub(f, b), score)), 0);
    },
  ],
  formula: {
    forward: 'z_i \\sim \\operatorname{Bernoulli}(\\sigma(\\theta))',
    vjp: ['\\hat\\nabla_\\theta = \\textstyle\\sum_i \\bar f_i\\,\\big(f(z_i) - b_i\\big)\\,(z_i - \\sigma(\\theta))'],
  },
  doc: {
    forward: 'z ~ Bernoulli(σ(θ)), seeded',
    vjp: 'REINFORCE by the chain rule: Σᵢ ∂J/∂fᵢ · (fᵢ − bᵢ)(zᵢ − σ(θ)); `baseline` = `leave_one_out` (bᵢ = mean of the other fᵢ, unbiased) or a number',
    notes:
      'stochastic: an unbiased estimate of ∇E[J] when J is linear in the costs f (biased in general otherwise); J may depend on z only through `cost`',
  },
  commentary: {
    forward: (n) => `sample ${n.y} ~ Bernoulli(σ(${arg(n, 0)})): a discrete draw, no derivative through it`,
    backward: (n) =>
      `REINFORCE by the chain rule at ${arg(n, 0)}: each sample's score ${n.y} − σ(${arg(n, 0)}), weighted by its cost minus a baseline and by the cost's upstream gradient, summed — an estimate of the gradient, not a derivative`,
  },
});
