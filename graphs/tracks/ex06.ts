import type { TrackSpec } from '../../src/core/track';

/** Ex 6: the backward pass of one attention head, matrix by matrix. */
export const ex06Track: TrackSpec = {
  title: 'Attention, backwards',
  stops: [
    {
      title: 'Scores',
      at: { phase: 'forward', node: 'S' },
      frame: [{ node: 'Q' }, { node: 'K' }],
      callout: 'S = QKᵀ/√d: one score per query–key pair; √d keeps their spread independent of the width d.',
    },
    {
      title: 'Weights',
      at: { phase: 'forward', node: 'P' },
      callout: 'P = softmax(S) row by row: each query’s weights are positive and sum to 1.',
    },
    {
      title: 'Through O = PV',
      at: { phase: 'backward', node: 'O' },
      anchor: { edge: { from: 'P', to: 'O' } },
      frame: [{ node: 'V' }],
      callout: 'O = PV is a matmul: dP = dO Vᵀ and dV = Pᵀ dO — the same rule as any linear layer.',
    },
    {
      title: 'Through the softmax',
      at: { phase: 'backward', node: 'P' },
      anchor: { edge: { from: 'S', to: 'P' } },
      callout: 'dS = P ⊙ (dP − rowsum(dP ⊙ P)): each row’s Jacobian diag(p) − ppᵀ, applied without building it. Each row of dS sums to 0.',
    },
    {
      title: 'Queries and keys',
      at: { phase: 'backward', node: 'S' },
      frame: [{ node: 'Q' }, { node: 'K' }],
      callout: 'dQ = dS K/√d and dK = dSᵀ Q/√d: a query moves towards the keys whose weight should grow.',
    },
  ],
};
