import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { ShapeError } from '../errors';
import { defineOp, type Tensor } from '../op';
import { showShape } from '../tensor';

export const outer = defineOp({
  name: 'outer',
  inputs: ['u', 'v'],
  symbol: 'u vᵀ',
  shape: ([u, v]) => {
    if (u?.length !== 1) throw new ShapeError('u', `expected a vector, got ${showShape(u ?? [])}`);
    if (v?.length !== 1) throw new ShapeError('v', `expected a vector, got ${showShape(v ?? [])}`);
    return [u[0] as number, v[0] as number];
  },
  forward: ([u, v]) => tf.outerProduct(u as tf.Tensor1D, v as tf.Tensor1D),
  saves: { inputs: 'all', output: false },
  vjp: ({ inputs: [u, v], dy }) => [
    () => tf.reshape(tf.matMul(dy as tf.Tensor2D, tf.reshape(v as Tensor, [-1, 1])), [-1]),
    () => tf.reshape(tf.matMul(dy as tf.Tensor2D, tf.reshape(u as Tensor, [-1, 1]), true, false), [-1]),
  ],
  formula: { forward: 'Y = u v^\\top', vjp: ['\\bar u = \\bar Y v', '\\bar v = \\bar Y^\\top u'] },
  doc: { forward: 'uvᵀ', vjp: 'ū = Ȳv, v̄ = Ȳᵀu' },
  commentary: {
    forward: (n) => `${n.y} = ${arg(n, 0)}${arg(n, 1)}ᵀ: every entry of ${arg(n, 0)} times every entry of ${arg(n, 1)}`,
    backward: (n) => `outer backward: ${arg(n, 0)} gets ${n.dy}·${arg(n, 1)}, ${arg(n, 1)} gets (${n.dy})ᵀ·${arg(n, 0)}`,
  },
});
