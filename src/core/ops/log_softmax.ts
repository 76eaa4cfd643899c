import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { defineOp, type Tensor } from '../op';
import { resolveAxis } from './_axis';
import { stableLogSumExp } from './logsumexp';

const attrs = z.object({ axis: z.number().int().default(-1) });

/** x − logsumexp(x) along `axis`, with the max subtracted first (never log of a softmax that underflowed). */
export const logSoftmax = defineOp<z.infer<typeof attrs>>({
  name: 'log_softmax',
  inputs: ['x'],
  symbol: 'log softmax',
  attrs,
  shape: ([x], { axis }) => {
    resolveAxis(x ?? [], axis);
    return x as number[];
  },
  forward: ([x], { axis }) => {
    const t = x as Tensor;
    return tf.sub(t, stableLogSumExp(t, resolveAxis(t.shape, axis)));
  },
  // With P = e^y the softmax: x̄ = ȳ − P ⊙ Σ ȳ along the axis. Reads only the output.
  vjp: ({ output, dy, attrs: { axis } }) => [() => tf.sub(dy, tf.mul(tf.exp(output), tf.sum(dy, resolveAxis(output.shape, axis), true)))],
  formula: {
    forward: 'y_i = x_i - \\log \\textstyle\\sum_k e^{x_k}',
    vjp: ['\\bar x = \\bar y - \\operatorname{softmax}(x) \\textstyle\\sum_k \\bar y_k'],
  },
  commentary: {
    forward: 'log-softmax: log-probabilities, x − logsumexp(x), stable for large scores',
    backward: 'log-softmax backward: ȳ minus the softmax times the row’s total ȳ',
  },
});
