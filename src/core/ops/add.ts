import * as tf from '@tensorflow/tfjs';
import { binaryOp } from './_binary';

export const add = binaryOp({
  name: 'add',
  symbol: '+',
  forward: tf.add,
  vjp: (_a, _b, _y, dy) => [() => dy, () => dy],
  formula: { forward: 'y = a + b', vjp: ['\\bar a = \\bar y', '\\bar b = \\bar y'] },
  commentary: {
    forward: 'add',
    backward: 'add backward: the gradient is copied unchanged to both inputs (a residual path is an identity highway)',
  },
});
