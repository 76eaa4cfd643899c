import type { Exercise } from '../src/engine/exercise';
import { train } from '../src/engine/train';
import { leaf, node } from './_build';
import { fdGradientCheck } from './_checks';
import { ex03Track } from './tracks/ex03';

// Notebook Exercise 3 values.
const W1 = [
  [0.5, 0.1],
  [0.2, 0.3],
  [-0.1, 0.4],
];

export const ex03: Exercise = {
  id: 'ex03-two-layer-backprop',
  tracks: [ex03Track],
  title: 'Ex 3 · Backprop through a 2-layer network',
  text: 'z₁ = W₁x + b₁, a₁ = relu(z₁), ŷ = w₂·a₁ + b₂, L = ½(ŷ − y)². Backprop by hand, check against finite differences, then train with SGD.',
  options: [],
  notes: ['The notebook is right here: loss 0.0722, dW1 and dw2 match finite differences, and 100 SGD steps at η = 0.01 reduce the loss.'],
  build: () => ({
    nodes: [
      leaf('x', [1, 2], 'input'),
      leaf('y', 1, 'constant'),
      leaf('W1', W1, 'param'),
      leaf('b1', [0, 0, 0], 'param'),
      leaf('w2', [0.4, 0.6, -0.2], 'param'),
      leaf('b2', 0, 'param'),
      node('W1x', 'matmul', ['W1', 'x'], { label: 'W₁x' }),
      node('z1', 'add', ['W1x', 'b1'], {
        label: 'z₁',
        commentary: { backward: 'z₁ = W₁x + b₁: δ₁ flows unchanged to b₁ and to W₁x' },
      }),
      node('a1', 'relu', ['z1'], {
        label: 'a₁',
        commentary: { backward: 'relu backward: δ₁ = (w₂ δ) ⊙ 1[z₁ > 0] — only active units pass gradient' },
      }),
      node('w2a1', 'dot', ['w2', 'a1'], { label: 'w₂·a₁' }),
      node('yhat', 'add', ['w2a1', 'b2'], { label: 'ŷ' }),
      node('loss', 'half_squared_error', ['yhat', 'y'], {
        label: 'L',
        commentary: { backward: 'loss backward: δ = ŷ − y is the error signal at the output' },
      }),
    ],
    objectives: [{ name: 'loss', node: 'loss', label: 'L = ½(ŷ − y)²' }],
  }),
  // Finite differences and 100 SGD steps re-run the graph: the UI shows them after the trace.
  lesson: () => ({ checks: [], blocks: {} }),
  deferred: ({ program, trace }) => {
    const checks = ['W1', 'w2'].map((p) => fdGradientCheck(program, trace, p, `(c) d${p} matches FD`));
    const run = train(program, { lr: 0.01, steps: 100 });
    const l = run.losses;
    const lossCheck = { name: '(d) Loss decreases', pass: run.finalLoss < (l[0] as number), got: run.finalLoss, expected: `< ${l[0]}` };
    return {
      checks: [...checks, lossCheck],
      blocks: {
        training: { lr: 0.01, steps: 100, runs: [{ label: 'SGD, η = 0.01', losses: [...l, run.finalLoss] }] },
      },
    };
  },
};
