import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { arg } from '../commentary';
import { defineOp } from '../op';

export const scale = defineOp<{ by: number }>({
  name: 'scale',
  inputs: ['x'],
  symbol: '×c',
  attrs: z.object({ by: z.number().refine(Number.isFinite, 'must be finite') }),
  shape: ([x]) => x as number[],
  forward: ([x], { by }) => tf.mul(x as tf.Tensor, by),
  saves: { inputs: [], output: false },
  vjp: ({ dy, attrs: { by } }) => [() => tf.mul(dy, by)],
  formula: { forward: 'y = c\\,x', vjp: ['\\bar x = c\\,\\bar y'] },
  doc: { forward: 'c x', vjp: 'x̄ = c ȳ' },
  commentary: {
    forward: (n) => `${n.y} = ${n.attrs.by}·${arg(n, 0)}`,
    backward: (n) => `scale backward: ${arg(n, 0)} gets ${n.attrs.by}·${n.dy} — a constant factor scales the gradient by itself`,
  },
});
