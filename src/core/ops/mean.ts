import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { defineOp } from '../op';
import { type AxisAttrs, axisAttrs, reducedShape, resolveAxis } from './_axis';

export const mean = defineOp<AxisAttrs>({
  name: 'mean',
  inputs: ['x'],
  symbol: 'mean',
  attrs: axisAttrs,
  shape: ([x], { axis }) => reducedShape(x ?? [], axis),
  forward: ([x], { axis }) => tf.mean(x as tf.Tensor, axis ?? undefined),
  saves: { inputs: [], output: false },
  vjp: ({ shapes: [x], dy, attrs: { axis } }) => {
    const s = x as number[];
    const a = axis === null ? null : resolveAxis(s, axis);
    const n = a === null ? s.reduce((p, d) => p * d, 1) : (s[a] as number);
    const kept = s.map((d, i) => (a === null || i === a ? 1 : d));
    return [() => tf.broadcastTo(tf.div(tf.reshape(dy, kept), n), s)];
  },
  formula: { forward: 'y = \\tfrac1n \\textstyle\\sum_i x_i', vjp: ['\\bar x_i = \\bar y / n'] },
  doc: { forward: '(1/n) Σ x', vjp: 'x̄ᵢ = ȳ / n' },
  commentary: {
    forward: (n) => `${n.y} = mean of ${arg(n, 0)}`,
    backward: (n) => `mean backward: every entry of ${arg(n, 0)} gets ${n.dy}/n — an average shares its gradient equally`,
  },
});
