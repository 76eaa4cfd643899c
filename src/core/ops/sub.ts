import * as tf from '@tensorflow/tfjs';
import { binaryOp } from './_binary';

export const sub = binaryOp({
  name: 'sub',
  symbol: '−',
  forward: tf.sub,
  vjp: (_a, _b, _y, dy) => [() => dy, () => tf.neg(dy)],
  formula: { forward: 'y = a - b', vjp: ['\\bar a = \\bar y', '\\bar b = -\\bar y'] },
  commentary: { forward: 'subtract', backward: 'sub backward: +ȳ to a, −ȳ to b' },
});
