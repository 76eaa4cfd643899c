import type { Exercise } from '../src/engine/exercise';
import { jacobian } from '../src/engine/jacobian';
import { leaf, node } from './_build';
import { fdGradientCheck } from './_checks';
import { ex10Track } from './tracks/ex10';

export const ex10: Exercise = {
  id: 'ex10-attention-scores',
  tracks: [ex10Track],
  title: 'Ex 10 · Backprop through attention scores',
  text: 's_i = qᵀk_i/√d, a = softmax(s), o = Σ a_i v_i, L = cᵀo. Derive the gradients with respect to the query q and the keys k_i, and check them against finite differences.',
  options: [],
  notes: [
    'The notebook is right here: attention weights [0.3275503, 0.23163418, 0.44081552], grad_q [−0.09051822, 0.05403006] and grad_K match finite differences and the engine.',
    'The notebook forms the softmax Jacobian J_soft = diag(a) − aaᵀ; the engine uses the same product without the n×n matrix, ds = a ⊙ (da − a·da). The Jacobian is shown, built one reverse pass per row.',
    'Checks use float32 central differences (Richardson, h = 1e-2, relative error < 1e-3) where the notebook uses float64 with h = 1e-6 and tolerance 1e-6.',
  ],
  build: () => ({
    nodes: [
      leaf('q', [0.5, -0.4], 'input', { label: 'q', note: 'the query' }),
      leaf(
        'K',
        [
          [0.2, 0.1],
          [-0.3, 0.7],
          [0.8, -0.2],
        ],
        'param',
        { label: 'K', note: 'one key k_i per row' },
      ),
      leaf(
        'V',
        [
          [1.0, 0.0],
          [0.5, -0.5],
          [-0.2, 0.3],
        ],
        'param',
        { label: 'V', note: 'one value v_i per row' },
      ),
      leaf('c', [0.7, -0.1], 'constant', { label: 'c' }),
      node('s', 'attn_scores', ['q', 'K'], {
        label: 's = Kq/√d',
        group: 'attention',
        commentary: {
          forward: 's_i = qᵀk_i/√d: the query scored against each key',
          backward: 'scores backward: grad_q = Kᵀ ds/√d, grad_K = ds qᵀ/√d (row i is ds_i q/√d)',
        },
      }),
      node('a', 'softmax', ['s'], {
        label: 'a = softmax(s)',
        group: 'attention',
        commentary: {
          forward: 'a = softmax(s): attention weights over the keys, summing to 1',
          backward: 'softmax backward: ds = (diag(a) − aaᵀ) da = a ⊙ (da − a·da)',
        },
      }),
      node('o', 'matmul', ['a', 'V'], {
        label: 'o = Σ a_i v_i',
        group: 'attention',
        commentary: {
          forward: 'o = Σ a_i v_i: the weighted average of the values',
          backward: 'o backward: da = V do (da_i = v_i·do), dV = a doᵀ',
        },
      }),
      node('loss', 'dot', ['c', 'o'], {
        label: 'L = cᵀo',
        commentary: { forward: 'L = cᵀo', backward: 'L backward: do = c' },
      }),
    ],
    objectives: [{ name: 'loss', node: 'loss', label: 'L = cᵀo' }],
    groups: [{ id: 'attention', label: 'Attention', kind: 'attention' }],
  }),
  lesson: ({ program }) => ({
    checks: [],
    // ∂a/∂s, the notebook's J_soft = diag(a) − aaᵀ: one reverse pass from a per row.
    blocks: { jacobians: { J_soft: jacobian(program, 'a', 's').matrix } },
  }),
  // Finite differences re-run the graph: the UI shows them after the trace.
  deferred: ({ program, trace }) => ({
    checks: [fdGradientCheck(program, trace, 'q', 'q gradient'), fdGradientCheck(program, trace, 'K', 'K gradient')],
    blocks: {},
  }),
};
