import type { TrackSpec } from '../../src/core/track';

/** Ex 4: why a deep sigmoid network's gradient vanishes, and two ways out (ReLU + He, residual). */
export const ex04Track: TrackSpec = {
  title: 'Vanishing gradients and two cures',
  stops: [
    {
      title: 'Twenty sigmoid layers',
      at: { phase: 'start' },
      anchor: { node: 'x' },
      frame: [{ node: 'z1' }],
      callout: 'a₀ = x goes through 20 layers aₗ = sigmoid(Wₗaₗ₋₁), weights randn × 0.3. Follow the gradient on its way back.',
      pause: 8,
    },
    {
      title: 'Forward done',
      at: { phase: 'forward', node: 'out' },
      frame: [{ node: 'a20' }],
      callout: 'out = δ·a₂₀: a scalar, so ∂out/∂a₂₀ = δ — the upstream gradient the notebook starts from.',
      pause: 5,
    },
    {
      title: 'The last layer',
      at: { phase: 'backward', node: 'z20' },
      anchor: { edge: { from: 'a19', to: 'z20' } },
      callout: 'At layer 20 ‖∂out/∂a₁₉‖ ≈ 0.38: one factor σ′ ≤ ¼ and one W₂₀ᵀ so far.',
    },
    {
      title: 'An early layer',
      at: { phase: 'backward', node: 'a2' },
      anchor: { edge: { from: 'z2', to: 'a2' } },
      callout: 'sigmoid: each layer multiplies the gradient by σ′(z) = σ(1 − σ) ≤ ¼, and W ≈ randn × 0.3 does not make up for it.',
    },
    {
      title: 'Vanished',
      at: { phase: 'backward', node: 'x' },
      anchor: { node: 'x' },
      frame: [{ node: 'z1' }],
      callout: '‖∂out/∂x‖ ≈ 1.4 × 10⁻⁹ against 0.38 at layer 20: the first layers barely learn.',
    },
    {
      title: 'ReLU + He',
      at: { phase: 'backward', node: 'x' },
      anchor: { node: 'x' },
      frame: [{ node: 'z1' }],
      set: { activation: 'relu', init: 'he' },
      callout: 'ReLU + He: relu′ = 1 on active units and √(2/n) keeps ‖Wₗᵀδ‖ steady — ‖∂out/∂x‖ ≈ 1.39.',
      pause: 10,
    },
    {
      title: 'Residual, back to sigmoid',
      at: { phase: 'backward', node: 'a1' },
      anchor: { edge: { from: 'a1', to: 'a2' } },
      set: { activation: 'sigmoid', init: 'normal_0.3', residual: true },
      callout: 'aₗ = aₗ₋₁ + σ(zₗ): the identity path hands the gradient on undamped — ‖∂out/∂x‖ ≈ 1.49 even with sigmoid.',
      pause: 10,
    },
  ],
};
