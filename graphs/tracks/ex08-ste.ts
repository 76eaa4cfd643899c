import type { TrackSpec } from '../../src/core/track';

/** Ex 8b: the straight-through estimator gives round() a usable gradient. */
export const ex08SteTrack: TrackSpec = {
  title: 'Straight through round()',
  stops: [
    {
      title: 'Rounding',
      at: { phase: 'forward', node: 'w_hat' },
      frame: [{ node: 'w' }],
      callout: 'ŵ = round(w) is a step function: its true derivative is 0 almost everywhere.',
    },
    {
      title: 'The error',
      at: { phase: 'backward', node: 'loss' },
      anchor: { edge: { from: 'w_hat', to: 'loss' } },
      callout: '∂L/∂ŵ = ŵ − w_target. With the notebook’s data round(w) already hits the target, so it is 0.',
    },
    {
      title: 'Straight through',
      at: { phase: 'backward', node: 'w_hat' },
      anchor: { edge: { from: 'w', to: 'w_hat' } },
      callout: 'STE: backward treats round as the identity, so w gets ŵ − w_target instead of the true 0.',
    },
    {
      title: 'A target to learn',
      at: { phase: 'backward', node: 'w' },
      anchor: { node: 'w' },
      set: { preset: 'shifted_target' },
      callout:
        'Shifted target: the STE gradient is no longer 0. Rounding after training leaves loss 2.5; training through round reaches 0.',
    },
  ],
};
