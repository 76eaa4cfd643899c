import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { arg } from '../commentary';
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
  saves: { inputs: [], output: true },
  vjp: ({ output, dy, attrs: { axis } }) => {
    const y = output as Tensor;
    return [() => tf.sub(dy, tf.mul(tf.exp(y), tf.sum(dy, resolveAxis(y.shape, axis), true)))];
  },
  formula: {
    forward: 'y_i = x_i - \\log \\textstyle\\sum_k e^{x_k}',
    vjp: ['\\bar x = \\bar y - \\operatorname{softmax}(x) \\textstyle\\sum_k \\bar y_k'],
  },
  doc: {
    forward: 'x − logsumexp(x)',
    vjp: 'x̄ = ȳ − softmax(x) Σₖ ȳₖ',
    notes: 'stable (max subtracted); never log of an underflowed softmax',
  },
  commentary: {
    forward: (n) => `${n.y} = log_softmax(${arg(n, 0)}) = ${arg(n, 0)} − logsumexp(${arg(n, 0)}): log-probabilities`,
    backward: (n) => `log-softmax backward: ${arg(n, 0)} gets ${n.dy} minus softmax(${arg(n, 0)}) times the row's total of ${n.dy}`,
  },
});
