import type { Exercise, Table } from '../src/engine/exercise';
import { leaf, node } from './_build';
import { fdGradientCheck } from './_checks';
import data from './data/ex06.json';
import { ex06Track } from './tracks/ex06';

/** Float32 finite differences (Richardson, h = 1e-2) agree with exact gradients to ~1e-5. */

const MB = 1024 ** 2; // the notebook's "MB" is 2²⁰ bytes

/** (d) Storing P (T×T per head): this graph's P, then the notebook's lengths. */
function memoryTable([rows = 0, cols = 0]: number[]): Table {
  const row = (t: string | number, entries: number) => [t, entries, (entries * 2) / MB, (entries * 4) / MB];
  return {
    title: '(d) Memory to store P for backward (T×T per head)',
    columns: ['T', 'entries T²', 'float16 (MB)', 'float32 (MB)'],
    rows: [row(rows === cols ? rows : `${rows}×${cols}`, rows * cols), ...[512, 2048, 8192, 32768].map((t) => row(t, t * t))],
  };
}

export const ex06: Exercise = {
  id: 'ex06-attention-backward',
  tracks: [ex06Track],
  title: 'Ex 6 · Attention backward',
  text: 'S = QKᵀ/√d, P = softmax(S) row-wise, O = PV. Backprop an upstream gradient dO (loss = Σ dO ⊙ O) to Q, K and V, check against finite differences, and see why storing P costs O(T²) memory.',
  options: [],
  notes: [
    'The notebook is right here: its dQ, dK and dV match finite differences. It back-propagates a given dO; this graph takes loss = Σ dO ⊙ O, whose gradient at O is exactly dO, so the engine’s dQ, dK, dV are the notebook’s.',
    'Checks use float32 central differences (Richardson, h = 1e-2, relative error < 1e-3) where the notebook uses float64 with h = 1e-6 and atol 1e-8.',
    'Backward needs P (dV = Pᵀ dO and the softmax backward), and P is T×T: at T = 32768 that is 2 GB per head in float16. FlashAttention never writes P to memory: it streams K/V tiles through on-chip SRAM with an online softmax, keeps only each row’s max and log-sum-exp (O(T)), and in backward recomputes each P tile from Q, K and those statistics, using rowsum(P ⊙ dP) = rowsum(dO ⊙ O).',
  ],
  build: () => ({
    nodes: [
      leaf('Q', data.Q, 'input', { label: 'Q' }),
      leaf('K', data.K, 'input', { label: 'K' }),
      leaf('V', data.V, 'input', { label: 'V' }),
      leaf('dO', data.dO, 'constant', { label: 'dO = Ō', note: 'the upstream gradient ∂L/∂O' }),
      node('S', 'attn_scores', ['Q', 'K'], {
        label: 'S = QKᵀ/√d',
        group: 'attention',
        commentary: {
          forward: 'S = QKᵀ/√d: every query row scored against every key, d read from K',
          backward: 'scores backward: dQ = dS K/√d, dK = dSᵀ Q/√d',
        },
      }),
      node('P', 'softmax', ['S'], {
        label: 'P',
        group: 'attention',
        attrs: { axis: -1 },
        commentary: {
          forward: 'P = softmax(S) row by row: each query’s weights over the keys sum to 1',
          backward: 'softmax backward: dS = P ⊙ (dP − rowsum(P ⊙ dP)), with rowsum(P ⊙ dP) = rowsum(dO ⊙ O)',
        },
      }),
      node('O', 'matmul', ['P', 'V'], {
        label: 'O = PV',
        group: 'attention',
        commentary: {
          forward: 'O = PV: each output row is a P-weighted average of the value rows',
          backward: 'O = PV backward: dV = Pᵀ dO (this is why P must be kept) and dP = dO Vᵀ',
        },
      }),
      node('loss', 'dot', ['dO', 'O'], {
        label: 'L = Σ dO ⊙ O',
        commentary: {
          forward: 'L = Σ dO ⊙ O: a scalar whose gradient with respect to O is exactly dO',
          backward: 'L backward: O receives dO, the upstream gradient of the notebook',
        },
      }),
    ],
    objectives: [{ name: 'loss', node: 'loss', label: 'L = Σ dO ⊙ O' }],
    groups: [{ id: 'attention', label: 'Attention', kind: 'attention' }],
  }),
  lesson: ({ program }) => ({
    checks: [],
    blocks: { attention: { node: 'P' }, tables: [memoryTable(program.nodes.get('P')?.shape ?? [])] },
  }),
  // Finite differences re-run the graph: the UI shows them after the trace.
  deferred: ({ program, trace }) => ({
    checks: ['Q', 'V', 'K'].map((id) => fdGradientCheck(program, trace, id, `(c) d${id} matches FD`)),
    blocks: {},
  }),
};
