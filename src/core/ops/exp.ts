import * as tf from '@tensorflow/tfjs';
import { unaryOp } from './_unary';

export const exp = unaryOp({
  name: 'exp',
  symbol: 'exp',
  forward: tf.exp,
  derivative: (_x, y) => y,
  formula: { forward: 'y = e^{x}', vjp: ['\\bar x = e^{x} \\odot \\bar y'] },
  commentary: { forward: 'exponentiate', backward: 'exp backward: multiply by eˣ, its own output' },
});
