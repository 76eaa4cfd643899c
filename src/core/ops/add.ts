import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import { binaryOp } from './_binary';

export const add = binaryOp({
  name: 'add',
  symbol: '+',
  forward: tf.add,
  saves: { inputs: [], output: false },
  vjp: (_a, _b, _y, dy) => [() => dy, () => dy],
  formula: { forward: 'y = a + b', vjp: ['\\bar a = \\bar y', '\\bar b = \\bar y'] },
  doc: { forward: 'a + b', vjp: 'ā = ȳ, b̄ = ȳ', notes: 'broadcasts' },
  commentary: {
    forward: (n) => `${n.y} = ${arg(n, 0)} + ${arg(n, 1)}`,
    backward: (n) => `add backward: ${arg(n, 0)} and ${arg(n, 1)} each get ${n.dy} unchanged — an add copies its gradient to every input`,
  },
});
