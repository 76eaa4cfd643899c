import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { ShapeError } from '../errors';
import { defineOp, type Tensor } from '../op';
import { sameShape, showShape } from '../tensor';
import { stableLogSumExp } from './logsumexp';

/** Labels one rank below the logits are class indices; labels of the logits' shape are distributions. */
const isIndexLabels = (logits: readonly number[], labels: readonly number[]) => labels.length === logits.length - 1;

/**
 * Targets as a [..., C] tensor: class indices become one-hot rows (after checking each is an
 * integer in 0..C−1, naming the first that is not); distributions are used as given.
 */
function targets(logits: Tensor, labels: Tensor): Tensor {
  if (!isIndexLabels(logits.shape, labels.shape)) return labels;
  const C = logits.shape[logits.rank - 1] as number;
  labels.dataSync().forEach((k, i) => {
    if (!Number.isInteger(k) || k < 0 || k >= C) {
      throw new ShapeError(
        'labels',
        `label ${k} at position ${i} is not a class index in 0..${C - 1} (class indices have no gradient: make the labels leaf a constant, not an input or param)`,
      );
    }
  });
  // Built from the labels tensor (not from the numbers read above) so tf.grads, the reference
  // the tests and gradcheck use, sees labels feeding the loss with a zero gradient.
  return tf.cast(tf.oneHot(tf.cast(labels, 'int32'), C), 'float32');
}

/**
 * Mean over the batch of −Σ_c q_c log softmax(z)_c along the last axis. logits [..., C];
 * labels either [...] integer class indices or [..., C] target distributions (one-hot or soft,
 * used as given). Stable: log softmax is z − logsumexp(z) with the max subtracted.
 */
export const softmaxCrossEntropy = defineOp({
  name: 'softmax_cross_entropy',
  inputs: ['logits', 'labels'],
  symbol: 'CE',
  shape: ([z, q]) => {
    const logits = z ?? [];
    const labels = q ?? [];
    if (logits.length === 0) throw new ShapeError('logits', 'expected class scores along a last axis, got a scalar');
    const fits = isIndexLabels(logits, labels) ? sameShape(labels, logits.slice(0, -1)) : sameShape(labels, logits);
    if (!fits) {
      const lead = showShape(logits.slice(0, -1));
      throw new ShapeError(
        'labels',
        `shape ${showShape(labels)} fits neither class indices ${lead} nor one-hot/distribution rows ${showShape(logits)} for logits ${showShape(logits)}`,
      );
    }
    return [];
  },
  forward: ([z, q]) => {
    const logits = z as Tensor;
    // −log softmax(z) = logsumexp(z) − z ≥ 0, so a perfect prediction gives +0, not −0.
    const nll = tf.sub(stableLogSumExp(logits, -1), logits);
    const n = logits.size / (logits.shape[logits.rank - 1] as number);
    return tf.div(tf.sum(tf.mul(targets(logits, q as Tensor), nll)), n);
  },
  saves: { inputs: 'all', output: false },
  vjp: ({ inputs: [z, q], dy }) => {
    const logits = z as Tensor;
    const labels = q as Tensor;
    const scale = () => tf.div(dy, logits.size / (logits.shape[logits.rank - 1] as number));
    return [
      () => {
        const t = targets(logits, labels);
        const p = tf.softmax(logits);
        return tf.mul(scale(), tf.sub(tf.mul(p, tf.sum(t, -1, true)), t));
      },
      // Class indices are discrete: no gradient. Distributions get ∂L/∂q = −log softmax(z)/n.
      isIndexLabels(logits.shape, labels.shape) ? null : () => tf.mul(scale(), tf.sub(stableLogSumExp(logits, -1), logits)),
    ];
  },
  formula: {
    forward: 'L = -\\frac1N \\sum_{n} \\sum_c q_{nc} \\log \\operatorname{softmax}(z_n)_c',
    vjp: [
      '\\bar z_n = \\frac{\\bar L}{N}\\big(\\operatorname{softmax}(z_n) \\textstyle\\sum_c q_{nc} - q_n\\big)',
      '\\bar q_n = -\\frac{\\bar L}{N} \\log \\operatorname{softmax}(z_n)\\ \\text{(class indices: none)}',
    ],
  },
  doc: {
    forward: '−(1/N) Σₙ Σ_c q_nc log softmax(zₙ)_c, a scalar',
    vjp: 'z̄ = (ȳ/N)(softmax(z) Σ_c q − q); q̄ = −(ȳ/N) log softmax(z)',
    notes:
      'logits [..., C]; labels [...] class indices (checked: integers in 0..C−1; **no gradient**) or [..., C] one-hot/soft targets used as given; mean over the N = size/C rows; stable',
  },
  commentary: {
    forward: (n) => `${n.y} = mean over the batch of −log softmax(${arg(n, 0)})[true class of ${arg(n, 1)}]`,
    backward: (n) =>
      `cross-entropy backward: ${arg(n, 0)} gets (softmax(${arg(n, 0)}) − one-hot(${arg(n, 1)}))/batch · ${n.dy} — predicted minus true probabilities`,
  },
});
