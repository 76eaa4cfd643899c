import * as tf from '@tensorflow/tfjs';
import type { Commentary } from '../commentary';
import { defineOp, type Formula, type OpDef, type Tensor } from '../op';

interface UnarySpec {
  name: string;
  symbol: string;
  forward: (x: Tensor) => Tensor;
  /** Elementwise dy/dx, given the input and the output. */
  derivative: (x: Tensor, y: Tensor) => Tensor;
  formula: Formula;
  commentary: Commentary;
  straightThrough?: boolean;
}

/** An elementwise op of one input: the VJP is dy ⊙ f'(x). */
export function unaryOp(s: UnarySpec): OpDef {
  return defineOp({
    name: s.name,
    inputs: ['x'],
    symbol: s.symbol,
    shape: ([x]) => x as number[],
    forward: ([x]) => s.forward(x as Tensor),
    vjp: ({ inputs: [x], output, dy }) => [() => tf.mul(dy, s.derivative(x as Tensor, output))],
    formula: s.formula,
    commentary: s.commentary,
    straightThrough: s.straightThrough,
  });
}
