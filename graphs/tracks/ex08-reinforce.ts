import type { TrackSpec } from '../../src/core/track';

/** Ex 8a: a gradient through a sample, estimated by REINFORCE, with and without a baseline. */
export const ex08ReinforceTrack: TrackSpec = {
  title: 'Gradients through a coin flip',
  stops: [
    {
      title: 'A sample',
      at: { phase: 'forward', node: 'z' },
      frame: [{ node: 'theta' }],
      callout: 'z ~ Bern(σ(θ)) is drawn, not computed: z has no derivative with respect to θ.',
    },
    {
      title: 'The objective',
      at: { phase: 'forward', node: 'J' },
      frame: [{ node: 'L' }],
      callout: 'J = mean of L = z² over the samples: an estimate of E[L] = σ(θ).',
    },
    {
      title: 'REINFORCE',
      at: { phase: 'backward', node: 'z' },
      anchor: { edge: { from: 'theta', to: 'z' } },
      callout: 'bernoulli backward is an estimator, not a derivative: θ gets the mean of L · ∂log p(z | θ)/∂θ.',
    },
    {
      title: 'With a baseline',
      at: { phase: 'backward', node: 'z' },
      anchor: { edge: { from: 'theta', to: 'z' } },
      set: { estimator: 'reinforce_baseline' },
      callout: '(L − b) · ∂log p/∂θ: the same expected gradient, about 2.4 × lower variance (see the estimates panel).',
    },
  ],
};
