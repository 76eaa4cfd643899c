import * as tf from '@tensorflow/tfjs';
import { ShapeError } from '../errors';
import { defineOp } from '../op';
import { sameShape, showShape } from '../tensor';

/** Stacks same-shaped inputs along a new first axis: (u₁, …, uₙ). */
export const stack = defineOp({
  name: 'stack',
  inputs: ['u'],
  variadic: true,
  symbol: '( , )',
  shape: (shapes) => {
    const first = shapes[0] ?? [];
    shapes.forEach((s, i) => {
      if (!sameShape(s, first)) throw new ShapeError(`inputs[${i}]`, `shape ${showShape(s)} differs from inputs[0] ${showShape(first)}`);
    });
    return [shapes.length, ...first];
  },
  forward: (xs) => tf.stack(xs),
  saves: { inputs: [], output: false },
  vjp: ({ dy }) => tf.unstack(dy).map((g) => () => g),
  formula: { forward: 'y = (u_1, \\dots, u_n)', vjp: ['\\bar u_i = \\bar y_i'] },
  doc: { forward: '(u₁, …, uₙ) on a new first axis', vjp: 'ūᵢ = ȳᵢ', notes: 'variadic, equal shapes' },
  commentary: {
    forward: (n) => `${n.y} = [${n.x.join(', ')}]: the components in one vector`,
    backward: (n) => `stack backward: each of ${n.x.join(', ')} gets its own entry of ${n.dy}`,
  },
});
