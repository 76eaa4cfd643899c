import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { ShapeError } from '../errors';
import { defineOp } from '../op';
import { sameShape, showShape } from '../tensor';

export const halfSquaredError = defineOp({
  name: 'half_squared_error',
  inputs: ['yhat', 'y'],
  symbol: '½‖ŷ−y‖²',
  shape: ([a, b]) => {
    if (!sameShape(a ?? [], b ?? [])) throw new ShapeError('y', `shape ${showShape(b ?? [])} differs from yhat ${showShape(a ?? [])}`);
    return [];
  },
  forward: ([a, b]) => tf.mul(0.5, tf.sum(tf.square(tf.sub(a as tf.Tensor, b as tf.Tensor)))),
  saves: { inputs: 'all', output: false },
  vjp: ({ inputs: [a, b], dy }) => {
    const r = tf.sub(a as tf.Tensor, b as tf.Tensor);
    return [() => tf.mul(dy, r), () => tf.mul(dy, tf.neg(r))];
  },
  formula: {
    forward: 'L = \\tfrac12 \\lVert \\hat y - y \\rVert^2',
    vjp: ['\\bar{\\hat y} = \\bar L\\,(\\hat y - y)', '\\bar y = -\\bar L\\,(\\hat y - y)'],
  },
  doc: { forward: '½‖ŷ − y‖²', vjp: 'to yhat: L̄ (ŷ − y); to y: −L̄ (ŷ − y)' },
  commentary: {
    forward: (n) => `${n.y} = ½‖${arg(n, 0)} − ${arg(n, 1)}‖²`,
    backward: (n) =>
      `loss backward: ${arg(n, 0)} gets ${n.dy}·(${arg(n, 0)} − ${arg(n, 1)}) and ${arg(n, 1)} the opposite — the residual is the error signal`,
  },
});
