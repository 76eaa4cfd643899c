import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { arg } from '../commentary';
import { ShapeError } from '../errors';
import { defineOp } from '../op';
import { showShape, sizeOf } from '../tensor';
import type { Shape } from '../types';

const attrs = z.object({ shape: z.array(z.number().int().min(-1)).max(6) });

function target(from: Shape, to: Shape): Shape {
  const free = to.filter((d) => d === -1).length;
  if (free > 1) throw new ShapeError('attrs.shape', 'at most one -1 is allowed');
  const known = sizeOf(to.filter((d) => d !== -1));
  const n = sizeOf(from);
  const out = to.map((d) => (d === -1 ? n / known : d));
  if (!out.every(Number.isInteger) || sizeOf(out) !== n) {
    throw new ShapeError('attrs.shape', `cannot reshape ${showShape(from)} (${n} entries) to [${to.join(',')}]`);
  }
  return out;
}

export const reshape = defineOp<z.infer<typeof attrs>>({
  name: 'reshape',
  inputs: ['x'],
  symbol: 'reshape',
  attrs,
  shape: ([x], { shape }) => target(x ?? [], shape),
  forward: ([x], { shape }) => tf.reshape(x as tf.Tensor, target((x as tf.Tensor).shape, shape)),
  saves: { inputs: [], output: false },
  vjp: ({ shapes: [x], dy }) => [() => tf.reshape(dy, x as number[])],
  formula: { forward: 'y = \\operatorname{reshape}(x)', vjp: ['\\bar x = \\operatorname{reshape}^{-1}(\\bar y)'] },
  doc: { forward: 'same numbers, new shape (one −1 inferred)', vjp: 'x̄ = reshape⁻¹(ȳ)' },
  commentary: {
    forward: (n) => `${n.y}: the numbers of ${arg(n, 0)} in a new shape`,
    backward: (n) => `reshape backward: ${arg(n, 0)} gets ${n.dy} laid out in its own shape — same numbers, nothing to differentiate`,
  },
});
