import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { defineOp } from '../op';
import { type AxisAttrs, axisAttrs, reducedShape, resolveAxis } from './_axis';

export const sum = defineOp<AxisAttrs>({
  name: 'sum',
  inputs: ['x'],
  symbol: 'Σ',
  attrs: axisAttrs,
  shape: ([x], { axis }) => reducedShape(x ?? [], axis),
  forward: ([x], { axis }) => tf.sum(x as tf.Tensor, axis ?? undefined),
  saves: { inputs: [], output: false },
  vjp: ({ shapes: [x], dy, attrs: { axis } }) => {
    const s = x as number[];
    const kept = axis === null ? s.map(() => 1) : s.map((d, i) => (i === resolveAxis(s, axis) ? 1 : d));
    return [() => tf.broadcastTo(tf.reshape(dy, kept), s)];
  },
  formula: { forward: 'y = \\textstyle\\sum_i x_i', vjp: ['\\bar x_i = \\bar y'] },
  doc: { forward: 'Σ x', vjp: 'x̄ᵢ = ȳ' },
  commentary: {
    forward: (n) => `${n.y} = Σ ${arg(n, 0)}: adds up the entries`,
    backward: (n) => `sum backward: every entry of ${arg(n, 0)} gets ${n.dy} — a sum copies its gradient`,
  },
});
