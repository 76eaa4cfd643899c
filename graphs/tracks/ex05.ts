import type { TrackSpec } from '../../src/core/track';

/** Ex 5: checkpointing trades recomputation for memory, and leaves the gradient unchanged. */
export const ex05Track: TrackSpec = {
  title: 'Memory for compute',
  stops: [
    {
      title: 'Checkpoints every 3 layers',
      at: { phase: 'forward', node: 'loss' },
      anchor: { node: 'a3' },
      frame: [{ node: 'a6' }],
      callout: 'k = 3 keeps a₃, a₆, a₉ (and x); every other activation was freed as soon as the forward pass was past it.',
    },
    {
      title: 'Recomputed on demand',
      at: { phase: 'backward', node: 'a10' },
      anchor: { edge: { from: 'z10', to: 'a10' } },
      frame: [{ node: 'a9' }],
      callout: 'relu′ needs z₁₀, which was freed: it was recomputed from the checkpoint a₉ just before this step.',
    },
    {
      title: 'A whole segment',
      at: { phase: 'backward', node: 'a9' },
      anchor: { node: 'a9' },
      frame: [{ node: 'a6' }, { node: 'z7' }],
      callout: 'Layers 7–9 were recomputed from a₆ in one go: extra forward work, but only one segment is alive at a time.',
    },
    {
      title: 'Keep everything',
      at: { phase: 'backward', node: 'a9' },
      anchor: { node: 'a9' },
      set: { checkpoint_every: 0 },
      callout: 'k = 0 keeps every activation: no recomputation, a higher memory peak (see the memory panel), the same gradient.',
    },
    {
      title: 'Same gradient',
      at: { phase: 'backward', node: 'W1' },
      anchor: { node: 'W1' },
      set: { checkpoint_every: 3 },
      frame: [{ node: 'z1' }],
      callout:
        '∂L/∂W₁ is identical with and without checkpoints. The notebook’s checkpointed loop skipped relu′ at each segment start — its bug.',
    },
  ],
};
