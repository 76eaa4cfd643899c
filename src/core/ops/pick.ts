import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { arg } from '../commentary';
import { ShapeError } from '../errors';
import { defineOp } from '../op';
import { showShape } from '../tensor';

const attrs = z.object({ index: z.number().int().min(0) });

/** One entry of a vector: x_i (index 0-based; labels may say x₁). */
export const pick = defineOp<z.infer<typeof attrs>>({
  name: 'pick',
  inputs: ['x'],
  symbol: 'xᵢ',
  attrs,
  shape: ([x], { index }) => {
    if (x?.length !== 1) throw new ShapeError('x', `expected a vector, got ${showShape(x ?? [])}`);
    if (index >= (x[0] as number)) throw new ShapeError('attrs.index', `index ${index} is out of range for length ${x[0]}`);
    return [];
  },
  forward: ([x], { index }) => tf.reshape(tf.slice(x as tf.Tensor, [index], [1]), []),
  saves: { inputs: [], output: false },
  vjp: ({ shapes: [x], dy, attrs: { index } }) => [
    () => {
      const n = (x as number[])[0] as number;
      const e = new Float32Array(n);
      e[index] = 1;
      return tf.mul(tf.tensor1d(e), dy);
    },
  ],
  formula: { forward: 'y = x_i', vjp: ['\\bar x = \\bar y\\, e_i'] },
  doc: { forward: 'xᵢ', vjp: 'x̄ = ȳ eᵢ', notes: '0-based' },
  commentary: {
    forward: (n) => `${n.y} = ${arg(n, 0)}[${n.attrs.index}]: one component`,
    backward: (n) =>
      `pick backward: entry ${n.attrs.index} of ${arg(n, 0)} gets ${n.dy}, every other entry 0 — only the picked component influenced L here`,
  },
});
