import type { TrackSpec } from '../../src/core/track';

/** Ex 10: one query's attention scores, and how the loss moves them. */
export const ex10Track: TrackSpec = {
  title: 'One query, its scores',
  stops: [
    {
      title: 'Scores',
      at: { phase: 'forward', node: 's' },
      frame: [{ node: 'q' }, { node: 'K' }],
      callout: 's = Kq/√d: one score per key, how well it matches the query.',
    },
    {
      title: 'Weights',
      at: { phase: 'forward', node: 'a' },
      callout: 'a = softmax(s): positive weights that sum to 1; o = Σ aᵢvᵢ mixes the values by them.',
    },
    {
      title: 'Which value helps',
      at: { phase: 'backward', node: 'o' },
      anchor: { edge: { from: 'a', to: 'o' } },
      frame: [{ node: 'V' }],
      callout: '∂L/∂aᵢ = c·vᵢ: how much more loss a little more weight on value i would bring.',
    },
    {
      title: 'Scores compete',
      at: { phase: 'backward', node: 'a' },
      anchor: { edge: { from: 's', to: 'a' } },
      callout: 'softmax backward: ∂L/∂s = a ⊙ (∂L/∂a − a·∂L/∂a). The entries sum to 0: one score rises only if others fall.',
    },
    {
      title: 'The query moves',
      at: { phase: 'backward', node: 'q' },
      anchor: { node: 'q' },
      frame: [{ node: 'K' }],
      callout: '∂L/∂q = Kᵀ ∂L/∂s /√d: the query turns towards the keys whose scores the loss wants higher.',
    },
  ],
};
