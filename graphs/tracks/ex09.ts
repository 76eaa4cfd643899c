import type { TrackSpec } from '../../src/core/track';

/** Ex 9: twenty linear layers with and without the identity path. */
export const ex09Track: TrackSpec = {
  title: 'What the identity path carries',
  stops: [
    {
      title: 'Twenty linear layers',
      at: { phase: 'forward', node: 'out' },
      frame: [{ node: 'h20' }],
      callout: 'hₖ = Jₖhₖ₋₁ twenty times, then out = g·h₂₀: backward starts from ∂out/∂h₂₀ = g (‖g‖ = 3.42).',
    },
    {
      title: 'One layer back',
      at: { phase: 'backward', node: 'h20' },
      anchor: { edge: { from: 'h19', to: 'h20' } },
      callout: 'Each plain layer multiplies the gradient by Jₖᵀ: ∂out/∂h₁₉ = J₂₀ᵀ g.',
    },
    {
      title: 'Plain: gone',
      at: { phase: 'backward', node: 'h0' },
      anchor: { node: 'h0' },
      frame: [{ node: 'h1' }],
      callout: '‖∂out/∂h₀‖ = ‖J₁ᵀ⋯J₂₀ᵀ g‖ ≈ 5.7 × 10⁻¹²: twenty small Jₖᵀ multiply it away.',
    },
    {
      title: 'Residual',
      at: { phase: 'backward', node: 'h10' },
      // h10 first: with the residual branch the layout wraps between h9 and h10, and at 1280×720
      // the camera cannot keep both legible; h9 is framed when it fits
      anchor: { node: 'h10' },
      frame: [{ node: 'h9' }],
      set: { residual: true },
      callout: 'hₖ = hₖ₋₁ + Jₖhₖ₋₁: the gradient reaches hₖ₋₁ through the identity unchanged, plus Jₖᵀ of it through the branch.',
    },
    {
      title: 'Residual: kept',
      at: { phase: 'backward', node: 'h0' },
      anchor: { node: 'h0' },
      frame: [{ node: 'h1' }],
      callout: '(I + J₁)ᵀ⋯(I + J₂₀)ᵀ g: ‖∂out/∂h₀‖ ≈ 5.75, the same order as ‖g‖ = 3.42.',
    },
  ],
};
