import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { arg } from '../commentary';
import { defineOp } from '../op';

export const pow = defineOp<{ p: number }>({
  name: 'pow',
  inputs: ['x'],
  symbol: 'xᵖ',
  attrs: z.object({ p: z.number().refine(Number.isFinite, 'must be finite') }),
  shape: ([x]) => x as number[],
  forward: ([x], { p }) => tf.pow(x as tf.Tensor, p),
  // p = 0 is a constant: its derivative is 0 everywhere, also at x = 0 where 0·x⁻¹ would be NaN.
  saves: { inputs: [0], output: false },
  vjp: ({ inputs: [x], dy, attrs: { p } }) => [() => (p === 0 ? tf.zerosLike(dy) : tf.mul(dy, tf.mul(p, tf.pow(x as tf.Tensor, p - 1))))],
  formula: { forward: 'y = x^{p}', vjp: ['\\bar x = p\\,x^{p-1} \\odot \\bar y'] },
  doc: { forward: 'xᵖ', vjp: 'x̄ = p xᵖ⁻¹ ⊙ ȳ', notes: 'p = 0 has gradient 0 everywhere' },
  commentary: {
    forward: (n) => `${n.y} = ${arg(n, 0)}^${n.attrs.p}`,
    backward: (n) => `pow backward: ${arg(n, 0)} gets ${n.dy} ⊙ ${n.attrs.p}·${arg(n, 0)}^(${n.attrs.p} − 1) — the power rule`,
  },
});
