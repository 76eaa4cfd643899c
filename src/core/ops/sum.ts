import * as tf from '@tensorflow/tfjs';
import { defineOp } from '../op';
import { type AxisAttrs, axisAttrs, reducedShape, resolveAxis } from './_axis';

export const sum = defineOp<AxisAttrs>({
  name: 'sum',
  inputs: ['x'],
  symbol: 'Σ',
  attrs: axisAttrs,
  shape: ([x], { axis }) => reducedShape(x ?? [], axis),
  forward: ([x], { axis }) => tf.sum(x as tf.Tensor, axis ?? undefined),
  vjp: ({ inputs: [x], dy, attrs: { axis } }) => {
    const t = x as tf.Tensor;
    const kept = axis === null ? t.shape.map(() => 1) : t.shape.map((d, i) => (i === resolveAxis(t.shape, axis) ? 1 : d));
    return [() => tf.broadcastTo(tf.reshape(dy, kept), t.shape)];
  },
  formula: { forward: 'y = \\textstyle\\sum_i x_i', vjp: ['\\bar x_i = \\bar y'] },
  commentary: { forward: 'sum', backward: 'sum backward: every summand receives the same gradient' },
});
