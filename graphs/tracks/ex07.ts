import type { TrackSpec } from '../../src/core/track';

/** Ex 7: where LoRA's gradients go, and what full fine-tuning computes instead. */
export const ex07Track: TrackSpec = {
  title: 'LoRA: train BA, freeze W₀',
  stops: [
    {
      title: 'The adapted weight',
      at: { phase: 'forward', node: 'W' },
      frame: [{ node: 'W0' }, { node: 'BA' }],
      callout: 'W = W₀ + BA. LoRA starts with B = 0, so W = W₀: the model begins exactly as pretrained.',
    },
    {
      title: 'Gradient at W',
      at: { phase: 'backward', node: 'y' },
      anchor: { edge: { from: 'W', to: 'y' } },
      callout: '∂L/∂W = ȳxᵀ, an m × n matrix — what full fine-tuning would apply to every entry.',
    },
    {
      title: 'W₀ frozen',
      at: { phase: 'backward', node: 'W' },
      anchor: { node: 'W0' },
      frame: [{ node: 'BA' }],
      callout: 'W₀ is frozen: no gradient is computed for it (no m × n buffer). The gradient goes on to BA only.',
    },
    {
      title: 'Only B learns at first',
      at: { phase: 'backward', node: 'A' },
      anchor: { node: 'A' },
      frame: [{ node: 'B' }],
      callout: 'dA = Bᵀ ȳxᵀ = 0 because B = 0, while dB = ȳ(Ax)ᵀ ≠ 0: B moves first, then A can follow.',
    },
    {
      title: 'Full fine-tuning',
      at: { phase: 'backward', node: 'W' },
      anchor: { node: 'W' },
      set: { adapter: 'full' },
      callout: 'Full fine-tuning: W itself is the parameter and gets all m × n gradient entries — the memory LoRA saves.',
    },
  ],
};
