import { statsAndFacts } from '../src/engine/blocks';
import type { Exercise } from '../src/engine/exercise';
import { train } from '../src/engine/train';
import { leaf, node } from './_build';
import { ex08SteTrack } from './tracks/ex08-ste';

// (d) as the notebook: 50 SGD steps at η = 0.1.
const STEPS = 50;
const LR = 0.1;

const W = [0.7, 1.3, -0.4, 2.1, -1.8];
const PRESETS: Record<string, { w: number[]; w_target: number[] }> = {
  // round(w) already equals the target: nothing to learn.
  notebook: { w: W, w_target: [1, 1, 0, 2, -2] },
  // Every rounded weight misses its target by one: only training moves them across cells.
  shifted_target: { w: W, w_target: [2, 0, 1, 1, -3] },
};

export const ex08Ste: Exercise = {
  id: 'ex08-ste',
  tracks: [ex08SteTrack],
  title: 'Ex 8b · Straight-through estimator for quantisation',
  text: 'ŵ = round(w), L = ½‖ŵ − w_target‖². round has derivative 0 almost everywhere; the straight-through estimator passes the gradient as if round were the identity. Train with it (quantisation-aware training) and compare with rounding once after training (PTQ).',
  options: [{ name: 'preset', label: 'Data', values: ['notebook', 'shifted_target'], default: 'notebook' }],
  notes: [
    'With the notebook’s data round(w) already equals w_target: PTQ and QAT both have loss 0 (“Improvement: 0.0x”) and “STE better than PTQ” (≤) passes vacuously. The shifted_target preset gives the STE real work: PTQ leaves loss 2.5, QAT reaches 0.',
    'QAT stops as soon as round(w) hits the target, because the STE gradient ŵ − w_target is then zero: each weight is left at the edge of its rounding cell (e.g. near 1.5), not at its centre. The run below is 50 honest engine steps, stalls included.',
    'The QAT loss compared with PTQ is the loss after all 50 updates; the notebook compares the loss before its 50th update, the same here since both have converged.',
  ],
  build: (options) => {
    const p = PRESETS[String(options.preset)] ?? PRESETS.notebook!;
    return {
      nodes: [
        leaf('w', p.w, 'param', { label: 'w', note: 'continuous weights' }),
        leaf('w_target', p.w_target, 'constant', { label: 'w_target' }),
        node('w_hat', 'round_ste', ['w'], {
          label: 'ŵ = round(w)',
          commentary: {
            forward: 'ŵ = round(w): quantise to the nearest integer (half to even)',
            backward: 'straight-through: dw = dŵ, as if round were the identity (its true derivative is 0)',
          },
        }),
        node('loss', 'half_squared_error', ['w_hat', 'w_target'], {
          label: 'L = ½‖ŵ − w_target‖²',
          commentary: { backward: 'loss backward: dŵ = ŵ − w_target, zero once every weight rounds to its target' },
        }),
      ],
      objectives: [{ name: 'loss', node: 'loss', label: 'L = ½‖ŵ − w_target‖²' }],
    };
  },
  // Quantisation-aware training re-runs the graph: the UI shows it after the trace.
  lesson: () => ({ checks: [], blocks: {} }),
  deferred: ({ program, trace }) => {
    const ptq = trace.values.get('loss')?.data[0] as number; // round the starting weights once
    const qat = train(program, { lr: LR, steps: STEPS, params: ['w'] });
    return {
      checks: [{ name: 'STE better than PTQ', pass: qat.finalLoss <= ptq, got: qat.finalLoss, expected: `<= ${ptq}` }],
      blocks: {
        training: { lr: LR, steps: STEPS, runs: [{ label: 'STE-QAT, η = 0.1', losses: [...qat.losses, qat.finalLoss] }] },
        tables: [
          {
            title: '(e) Post-training quantisation vs quantisation-aware training',
            columns: ['', 'loss'],
            rows: [
              ['PTQ: round(w), no training', ptq],
              [`STE-QAT: ${STEPS} steps, η = ${LR}`, qat.finalLoss],
              ['Loss removed by training (PTQ − QAT)', ptq - qat.finalLoss],
            ],
          },
        ],
        ...statsAndFacts({ loss_ptq: ptq, loss_qat: qat.finalLoss }),
      },
    };
  },
};
