import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { unaryOp } from './_unary';

export const neg = unaryOp({
  name: 'neg',
  symbol: '−x',
  forward: tf.neg,
  reads: 'none',
  derivative: () => -1,
  formula: { forward: 'y = -x', vjp: ['\\bar x = -\\bar y'] },
  doc: { forward: '−x', vjp: 'x̄ = −ȳ' },
  commentary: {
    forward: (n) => `${n.y} = −${arg(n, 0)}`,
    backward: (n) => `neg backward: ${arg(n, 0)} gets −${n.dy} — the gradient flips sign`,
  },
});
