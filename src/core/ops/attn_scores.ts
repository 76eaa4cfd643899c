import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { ShapeError } from '../errors';
import { defineOp, type Tensor } from '../op';
import { showShape } from '../tensor';

/**
 * Scaled dot-product scores S = QKᵀ/√d, with d read from K's shape so a new d rescales
 * by itself. A single query q (vector) gives s = Kq/√d.
 */
export const attnScores = defineOp({
  name: 'attn_scores',
  inputs: ['Q', 'K'],
  symbol: 'QKᵀ/√d',
  shape: ([q, k]) => {
    if (k?.length !== 2) throw new ShapeError('K', `expected a matrix [n×d], got ${showShape(k ?? [])}`);
    if (q?.length !== 1 && q?.length !== 2) throw new ShapeError('Q', `expected [T×d] or [d], got ${showShape(q ?? [])}`);
    const d = q[q.length - 1];
    if (d !== k[1]) throw new ShapeError('K', `K ${showShape(k)} must have d = ${d} columns like Q ${showShape(q)}`);
    return q.length === 2 ? [q[0] as number, k[0] as number] : [k[0] as number];
  },
  forward: ([Q, K]) => {
    const k = K as Tensor;
    const q = Q as Tensor;
    const c = 1 / Math.sqrt(k.shape[1] as number);
    const q2 = q.rank === 1 ? tf.reshape(q, [1, -1]) : q;
    return tf.reshape(
      tf.mul(tf.matMul(q2, k, false, true), c),
      q.rank === 1 ? [k.shape[0] as number] : [q.shape[0] as number, k.shape[0] as number],
    );
  },
  saves: { inputs: 'all', output: false },
  vjp: ({ inputs: [Q, K], dy }) => {
    const k = K as Tensor;
    const q = Q as Tensor;
    const c = 1 / Math.sqrt(k.shape[1] as number);
    const q2 = q.rank === 1 ? tf.reshape(q, [1, -1]) : q;
    const dS = tf.reshape(dy, [q2.shape[0] as number, k.shape[0] as number]);
    return [() => tf.reshape(tf.mul(tf.matMul(dS, k), c), q.shape), () => tf.mul(tf.matMul(dS, q2, true, false), c)];
  },
  formula: {
    forward: 'S = \\frac{Q K^\\top}{\\sqrt d}',
    vjp: ['\\bar Q = \\frac{\\bar S K}{\\sqrt d}', '\\bar K = \\frac{\\bar S^\\top Q}{\\sqrt d}'],
  },
  doc: { forward: 'QKᵀ/√d', vjp: 'Q̄ = S̄K/√d, K̄ = S̄ᵀQ/√d' },
  commentary: {
    forward: (n) => `${n.y} = ${arg(n, 0)}${arg(n, 1)}ᵀ/√d: every query in ${arg(n, 0)} scored against every key in ${arg(n, 1)}`,
    backward: (n) =>
      `scores backward: ${arg(n, 0)} gets ${n.dy}·${arg(n, 1)}/√d, ${arg(n, 1)} gets (${n.dy})ᵀ·${arg(n, 0)}/√d — a score's gradient flows to the query and the key that made it`,
  },
});
