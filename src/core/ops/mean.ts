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
  vjp: ({ inputs: [x], dy, attrs: { axis } }) => {
    const t = x as tf.Tensor;
    const a = axis === null ? null : resolveAxis(t.shape, axis);
    const n = a === null ? t.size : (t.shape[a] as number);
    const kept = t.shape.map((d, i) => (a === null || i === a ? 1 : d));
    return [() => tf.broadcastTo(tf.div(tf.reshape(dy, kept), n), t.shape)];
  },
  formula: { forward: 'y = \\tfrac1n \\textstyle\\sum_i x_i', vjp: ['\\bar x_i = \\bar y / n'] },
  commentary: {
    forward: (n) => `${n.y} = mean of ${arg(n, 0)}`,
    backward: (n) => `mean backward: every entry of ${arg(n, 0)} gets ${n.dy}/n — an average shares its gradient equally`,
  },
});
