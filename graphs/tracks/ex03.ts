import type { TrackSpec } from '../../src/core/track';

/** Ex 3: backprop through a two-layer ReLU network, layer by layer. */
export const ex03Track: TrackSpec = {
  title: 'Backprop through two layers',
  stops: [
    {
      title: 'Hidden layer',
      at: { phase: 'forward', node: 'a1' },
      frame: [{ node: 'z1' }],
      callout: 'a₁ = relu(z₁): units with z₁ ≤ 0 output 0 — and will pass no gradient back.',
    },
    {
      title: 'The loss',
      at: { phase: 'forward', node: 'loss' },
      frame: [{ node: 'yhat' }],
      callout: 'L = ½(ŷ − y)²: one number measures the error of ŷ.',
    },
    {
      title: 'The error signal',
      at: { phase: 'backward', node: 'loss' },
      anchor: { edge: { from: 'yhat', to: 'loss' } },
      callout: '∂L/∂ŷ = ŷ − y: everything below is this error times local derivatives.',
    },
    {
      title: 'Output weights',
      at: { phase: 'backward', node: 'w2a1' },
      anchor: { edge: { from: 'a1', to: 'w2a1' } },
      frame: [{ node: 'w2' }],
      callout: '∂L/∂a₁ = (ŷ − y)·w₂ and ∂L/∂w₂ = (ŷ − y)·a₁: each input of the dot gets the other one.',
    },
    {
      title: 'Through the ReLU',
      at: { phase: 'backward', node: 'a1' },
      anchor: { edge: { from: 'z1', to: 'a1' } },
      callout: 'relu′ = 1[z₁ > 0]: inactive units get exactly zero gradient, their rows of W₁ do not move.',
    },
    {
      title: 'First-layer weights',
      at: { phase: 'backward', node: 'W1' },
      anchor: { node: 'W1' },
      frame: [{ node: 'W1x' }],
      callout: '∂L/∂W₁ = δ₁xᵀ with δ₁ = ∂L/∂z₁: an outer product, the shape of W₁.',
    },
  ],
};
