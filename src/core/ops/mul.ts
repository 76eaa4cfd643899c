import * as tf from '@tensorflow/tfjs';
import { binaryOp } from './_binary';

export const mul = binaryOp({
  name: 'mul',
  symbol: '⊙',
  forward: tf.mul,
  vjp: (a, b, _y, dy) => [() => tf.mul(dy, b), () => tf.mul(dy, a)],
  formula: { forward: 'y = a \\odot b', vjp: ['\\bar a = \\bar y \\odot b', '\\bar b = \\bar y \\odot a'] },
  commentary: { forward: 'multiply elementwise', backward: 'mul backward: each input gets ȳ times the other input' },
});
